"""The programme as the services hand it out: plain immutable values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.content.models import Attendance, PressAccess, Text


@dataclass(frozen=True, slots=True)
class Speaker:
    name: Text
    role: Text
    organisation: Text | None
    attendance: Attendance


@dataclass(frozen=True, slots=True)
class Session:
    id: int
    key: str
    day: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: Text
    room: Text
    description: Text | None
    times_illustrative: bool
    revision: int
    updated_at: dt.datetime
    speakers: tuple[Speaker, ...] = ()
    press: PressAccess = PressAccess.OPEN
    marked_start: dt.datetime | None = None
    marked_end: dt.datetime | None = None
    """When an organiser marked it started or ended («▶ Now on stage»); None: the plan."""

    @property
    def actual_start(self) -> dt.datetime:
        return self.marked_start or self.starts_at

    @property
    def actual_end(self) -> dt.datetime:
        """As marked; a session started late keeps its length until marked ended."""
        if self.marked_end is not None:
            return self.marked_end
        return self.ends_at + max(self.actual_start - self.starts_at, dt.timedelta())

    def has_started(self, now: dt.datetime) -> bool:
        return self.actual_start <= now

    def is_over(self, now: dt.datetime) -> bool:
        return self.actual_end <= now

    def is_on(self, now: dt.datetime) -> bool:
        return self.has_started(now) and not self.is_over(now)


@dataclass(frozen=True, slots=True)
class Day:
    date: dt.date
    title: Text


@dataclass(frozen=True, slots=True)
class SessionSnapshot:
    """A session's time and place as they were (or became) at one change."""

    day: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: Text
    room: Text

    def same_slot(self, other: SessionSnapshot) -> bool:
        return (self.starts_at, self.ends_at, self.room) == (
            other.starts_at,
            other.ends_at,
            other.room,
        )


@dataclass(frozen=True, slots=True)
class SessionChange:
    """Every edit to one session since its subscribers were last told, folded into one."""

    session_id: int
    change_ids: tuple[int, ...]
    before: SessionSnapshot | None  # None: the session is new
    after: SessionSnapshot | None  # None: the session was removed


_WORD = re.compile(r"\w+")
_FILLERS = frozenset({"a", "an", "at", "in", "of", "the", "в", "во", "на"})
_STEM = 4  # letters two forms of one word share at least
_ENDING = 2  # letters a grammatical ending changes at most


def _words(name: str) -> list[str]:
    return [w for w in _WORD.findall(name.casefold()) if w not in _FILLERS]


def _same_word(a: str, b: str) -> bool:
    """Equal, or one word in two grammatical forms («отеля» / «отель», «hall» / «halls»):
    they share all but the last ``_ENDING`` letters, and at least ``_STEM``."""
    if a == b:
        return True
    common = next(
        (index for index, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
        min(len(a), len(b)),
    )
    return common >= _STEM and common >= max(len(a), len(b)) - _ENDING


def _names_all_of(words: list[str], other: list[str]) -> bool:
    return all(any(_same_word(word, known) for known in other) for word in words)


def place(room: str, venue: str) -> str:
    """Where a session is: «room, venue», or one of them when it already names the other.

    The data often gives the venue's hall as the room («conference hall, Archabil Hotel»
    in a venue called «conference hall of the Archabil Hotel»); naming it twice reads as
    a mistake. The room wins when it names everything the venue does.
    """
    room_words, venue_words = _words(room), _words(venue)
    if _names_all_of(venue_words, room_words):
        return room
    if _names_all_of(room_words, venue_words):
        return venue
    return f"{room}, {venue}"
