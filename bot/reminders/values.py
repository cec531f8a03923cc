"""What reminders are made of: lead times, owed reminders, and what a subscription came to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.content.models import Event
from bot.store.codec import utc_text

LEAD_CHOICES = (5, 10, 15, 30, 60)
DEFAULT_LEAD = 15
KIND = "reminder"
"""The outbox kind of reminders (delivery sends it in the first lane)."""


def reminder_key(session_id: int, starts_at: dt.datetime) -> str:
    """One reminder per user per session start: a moved session is reminded of again;
    a reminder already sent is not repeated when the user changes the lead."""
    return f"{session_id}@{utc_text(starts_at)}"


@dataclass(frozen=True, slots=True)
class Owed:
    """A reminder the user is still owed for a session that has not started."""

    user_id: int
    session_id: int
    starts_at: dt.datetime
    lead_minutes: int
    subscribed_at: dt.datetime

    @property
    def moment(self) -> dt.datetime:
        """start − lead: the user has the reminder by then."""
        return self.starts_at - dt.timedelta(minutes=self.lead_minutes)


@dataclass(frozen=True, slots=True)
class Slot:
    """When the planner hands one owed reminder to delivery."""

    owed: Owed
    at: dt.datetime


class Subscribed(StrEnum):
    PLANNED = "planned"
    TOO_SOON = "too_soon"
    """Followed, but start − lead had passed already: no reminder for this start."""
    STARTED = "started"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Subscription:
    """What «Remind me» came to, with what its answer needs to say."""

    outcome: Subscribed
    lead_minutes: int = DEFAULT_LEAD
    starts_in: dt.timedelta = dt.timedelta()

    @property
    def starts_in_minutes(self) -> int:
        return whole_minutes(self.starts_in)


@dataclass(frozen=True, slots=True)
class NoticeContext:
    """What every notice text needs besides its session: the event, its zone, the time."""

    event: Event
    zone: ZoneInfo
    now: dt.datetime


def whole_minutes(left: dt.timedelta) -> int:
    """Minutes left, rounded to the nearest (a reminder sent a few seconds before
    start − 15 min says «15», not «16»); at least 1 before the start."""
    return max(1, int(left.total_seconds() / 60 + 0.5))
