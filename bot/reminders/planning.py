"""When each reminder leaves, so that every follower has it by start − lead.

Telegram takes about 30 messages a second, so 5,000 followers of one session need nearly
three minutes. Sending them all at start − lead made the last one 167 s late. Instead the
reminders are packed *backwards* from their moments at the rate delivery can keep: the
latest moment first, each reminder one send interval before the one after it (and never
after its own moment). The last follower gets the reminder just before start − lead, the
first about N / rate earlier; several sessions starting together share the same budget.
Among equal moments the newest subscriptions take the latest slots, so those who asked
longest ago hear first.

Pure functions of the owed reminders, the time and the pace: tested without a clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from bot.reminders.values import Owed, Slot

PLANNING_SHARE = 0.9
"""The share of ``DELIVERY_RATE`` the plan counts on: delivery paces below the limit
(no sliding second above it), and retries and 429 pauses take slots too."""


@dataclass(frozen=True, slots=True)
class Pacing:
    rate: float
    """Reminders per second the plan counts on."""
    ahead: dt.timedelta = dt.timedelta(seconds=5)
    """A planner run hands delivery what falls due within this much (fewer wake-ups)."""
    margin: dt.timedelta = dt.timedelta(seconds=2)
    """The last reminder is planned this much before its moment (the request's flight)."""
    horizon: dt.timedelta = dt.timedelta(hours=1)
    """Moments further ahead are planned later: a run every half horizon at the latest."""

    @classmethod
    def for_delivery_rate(cls, delivery_rate: float) -> Pacing:
        return cls(rate=delivery_rate * PLANNING_SHARE)


def plan(owed: Sequence[Owed], now: dt.datetime, pacing: Pacing) -> list[Slot]:
    """Each owed reminder's send time, earliest first; those already late go ``now``."""
    interval = dt.timedelta(seconds=1 / pacing.rate)
    latest_first = sorted(owed, key=lambda o: (o.moment, o.subscribed_at, o.user_id), reverse=True)
    slots: list[Slot] = []
    previous: dt.datetime | None = None
    for reminder in latest_first:
        at = reminder.moment - pacing.margin
        if previous is not None:
            at = min(at, previous - interval)
        previous = at
        slots.append(Slot(reminder, max(at, now)))
    slots.reverse()
    return slots


def due_now(
    slots: Sequence[Slot], now: dt.datetime, pacing: Pacing
) -> tuple[list[Slot], dt.datetime]:
    """The slots to hand over now, and when the next run should come."""
    cutoff = now + pacing.ahead
    due = [slot for slot in slots if slot.at <= cutoff]
    later = [slot.at for slot in slots if slot.at > cutoff]
    return due, min([*later, now + pacing.horizon / 2])
