"""What every export format is turned into before anything is written.

The formats differ (days → rooms → talks, a flat event list, XML), our data files do not:
each reader fills these plain objects, and the zone and writer code deal with one shape.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.importers.problems import Problem


def slug(text: str) -> str:
    """Lower-case ASCII words joined by dashes: the shape our ids take."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person as the export names them; ``ident`` is the export's own id for them."""

    ident: str
    name: str

    @property
    def key(self) -> str:
        """Stable across re-imports: the export's id, prefixed by a readable name."""
        ident = slug(self.ident)[:16] or "x"
        name = slug(self.name)[: 30 - len(ident)].strip("-")
        return f"{name}-{ident}" if name else f"p-{ident}"


@dataclass(slots=True)
class Talk:
    """One session. ``starts`` is naive when the export gives a wall-clock time only."""

    ident: str
    title: str
    room: str
    starts: dt.datetime
    length: dt.timedelta
    about: str = ""
    speakers: list[Speaker] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"s-{slug(self.ident)[:30]}"


@dataclass(slots=True)
class Programme:
    """The export's conference: its name, dates, declared zone (if any) and talks."""

    title: str
    acronym: str
    start: dt.date
    end: dt.date
    zone_name: str | None
    talks: list[Talk]
    zone_place: str = "schedule.conference.time_zone_name"


@dataclass(slots=True)
class ImportResult:
    """What an import did, for the command line to report."""

    out: Path
    format: str = ""
    zone: str = ""
    days: int = 0
    sessions: int = 0
    rooms: int = 0
    people: int = 0
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def describe(self) -> list[str]:
        lines = [
            f"{self.out}: {self.format}, {self.days} days, {self.sessions} sessions,"
            f" {self.rooms} rooms, {self.people} people, times in {self.zone}"
            f" ({', '.join(self.written)} written)"
        ]
        lines += [f"  note: {note}" for note in self.notes]
        return lines
