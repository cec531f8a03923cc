"""Which zone the programme's wall-clock times are in.

Our data files hold local times plus one IANA zone. Exports say the zone in
``time_zone_name``, but pretalx's schedule 1.x and frab's older XML do not, although every
time carries its UTC offset. So: ``--tz`` wins, then the export's zone, then a fixed-offset
zone derived from the times (with a warning, as it ignores summer time); only an export
with neither a zone nor offsets is refused.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.content.importers.problems import Problem
from bot.content.importers.programme import Programme


class ZoneError(ValueError):
    """No zone can be settled on; the message says what to pass."""


def known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def resolve_zone(programme: Programme, tz: str | None) -> tuple[str, list[Problem]]:
    """The zone name to write, and the warnings the choice deserves."""
    place = programme.zone_place
    if tz is not None:
        if not known_zone(tz):
            raise ZoneError(
                f"--tz: unknown time zone {tz!r} (use an IANA name, e.g. Europe/Berlin)"
            )
        if programme.zone_name and programme.zone_name != tz:
            return tz, [Problem(place, f"the export says {programme.zone_name}; --tz {tz} wins")]
        return tz, []
    if programme.zone_name:
        if not known_zone(programme.zone_name):
            raise ZoneError(f"{place}: unknown time zone {programme.zone_name!r}; give --tz")
        return programme.zone_name, []
    return _derived_zone(programme)


def _derived_zone(programme: Programme) -> tuple[str, list[Problem]]:
    place = programme.zone_place
    offsets = {talk.starts.utcoffset() for talk in programme.talks}
    if None in offsets or not offsets:
        raise ZoneError(
            f"{place}: missing, and the times carry no UTC offset: give the zone with --tz"
        )
    if len(offsets) > 1:
        listed = ", ".join(sorted(_offset_text(o) for o in offsets if o is not None))
        raise ZoneError(
            f"{place}: missing, and the times carry several UTC offsets ({listed}):"
            " give the zone with --tz"
        )
    [offset] = offsets
    assert offset is not None
    name = _fixed_zone(offset)
    if name is None:
        raise ZoneError(
            f"{place}: missing, and no IANA zone has the fixed offset {_offset_text(offset)}:"
            " give the zone with --tz"
        )
    message = (
        f"missing; assumed {name} (UTC{_offset_text(offset)}, the offset of every time in"
        " the export); pass --tz with the event's own zone (e.g. --tz Europe/Berlin)"
        " if it observes summer time"
    )
    return name, [Problem(place, message)]


def _offset_text(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _fixed_zone(offset: dt.timedelta) -> str | None:
    """``Etc/GMT-1`` is UTC+01:00 (POSIX signs are inverted); whole hours only."""
    seconds = int(offset.total_seconds())
    if seconds == 0:
        return "UTC"
    if seconds % 3600:
        return None
    name = f"Etc/GMT{-seconds // 3600:+d}"
    return name if known_zone(name) else None
