"""Interview requests as the services see them, and the rules on times and text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.content.models import Event, Text
from bot.forms.input import Bounds

LENGTH = dt.timedelta(minutes=30)
"""How long an interview slot is (the .ics and the notices say so)."""
MOST_PREFERRED = 3
"""How many preferred times a journalist may give."""
MOST_OPEN = 5
"""How many requests one journalist may have waiting at once."""
TOPIC = Bounds(10, 500)
REASON = Bounds(3, 500)


class InterviewStatus(StrEnum):
    NEW = "new"
    PROPOSED = "proposed"
    """The press office proposed another time; the journalist accepts or refuses it."""
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    """The journalist refused the time the press office proposed."""

    @property
    def open(self) -> bool:
        return self in (InterviewStatus.NEW, InterviewStatus.PROPOSED)


class InterviewOutcome(StrEnum):
    DONE = "done"
    UNKNOWN = "unknown"
    CLOSED = "closed"
    """Decided already (confirmed, declined or withdrawn)."""
    STALE = "stale"
    """A button of an older state: a time not among those asked, a superseded proposal."""
    BAD_TIME = "bad_time"
    """Not within the meeting's days, or already past."""


@dataclass(frozen=True, slots=True)
class Interviewee:
    """Someone in data/people.yaml who gives interviews."""

    key: str
    name: Text
    role: Text
    languages: tuple[str, ...]
    illustrative: bool


@dataclass(frozen=True, slots=True)
class InterviewRequest:
    id: int
    journalist_id: int
    person_key: str
    person_name: Text
    topic: str
    preferred: tuple[dt.datetime, ...]
    status: InterviewStatus
    slot: dt.datetime | None
    reason: str | None
    revision: int
    updated_at: dt.datetime

    @property
    def slot_end(self) -> dt.datetime | None:
        return None if self.slot is None else self.slot + LENGTH


def within_meeting(moment: dt.datetime, event: Event, now: dt.datetime) -> bool:
    """A time an interview can take: ahead, on one of the meeting's days (event time)."""
    local = moment.astimezone(event.zone).date()
    return moment > now and event.starts_on <= local <= event.ends_on
