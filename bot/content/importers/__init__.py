"""``python -m bot import-schedule``: schedule exports from frab, pretalx and the c3voc hub.

Formats: frab/pretalx ``schedule.json`` 1.x, c3voc schedule 2 (flat event list) and frab
``schedule.xml``. Strict about what the programme needs, liberal about the rest: an
unknown field is a warning naming its place; a missing or malformed needed one is an
error, and then nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from bot.content.importers.problems import Problem, ScheduleImportError
from bot.content.importers.programme import ImportResult
from bot.content.importers.reader import read_export
from bot.content.importers.writer import write_data
from bot.content.importers.zones import ZoneError, resolve_zone

__all__ = ["ImportResult", "Problem", "ScheduleImportError", "import_schedule"]


def import_schedule(source: Path, out: Path, tz: str | None = None) -> ImportResult:
    """Validate ``source`` completely, then write the data files under ``out``.

    ``tz`` (the ``--tz`` option) names the zone the times are in; without it the export's
    ``time_zone_name`` is used, or a zone derived from the times' UTC offsets (a warning).
    """
    reading = read_export(source)
    try:
        zone_name, zone_warnings = resolve_zone(reading.programme, tz)
    except ZoneError as error:
        raise ScheduleImportError([f"{source}: {error}"], reading.warnings) from error
    result = ImportResult(out, format=reading.format, zone=zone_name)
    result.warnings = [*reading.warnings, *zone_warnings]
    if not reading.programme.talks:
        problem = f"{source}: the export has no talks: nothing to import"
        raise ScheduleImportError([problem], result.warnings)
    write_data(reading.programme, zone_name, source, out, result)
    return result
