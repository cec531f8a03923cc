"""The programme as the services hand it out: plain immutable values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.content.models import Attendance, Text


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

    def is_over(self, now: dt.datetime) -> bool:
        return self.ends_at <= now

    def is_on(self, now: dt.datetime) -> bool:
        return self.starts_at <= now < self.ends_at


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
