"""What the public sees of the live programme: which sessions run late, moved room, were
cancelled, or are on stage now.

The live desk keeps the file's value of every field a chat edit overrode
(``chat_overrides``) and every session cancelled in chat (``cancelled_sessions``); read
together with the programme, they say what changed against the published plan. Nothing
here names who made a change: the public edition and the printed programme show the
state, never the organiser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.agenda.values import Session
from bot.content.models import Text
from bot.programme.values import CancelledSession
from bot.store.codec import text_from, utc_from
from bot.store.holder import Store
from bot.time.clock import Clock


class State(StrEnum):
    DELAYED = "delayed"
    EARLIER = "earlier"
    MOVED = "moved"
    ON_STAGE = "on_stage"


@dataclass(frozen=True, slots=True)
class Status:
    """A session's departures from the published plan, and the plan they depart from."""

    states: frozenset[State] = frozenset()
    planned_start: dt.datetime | None = None
    planned_room: Text | None = None


PLANNED = Status()


class ProgrammeStatus:
    """Public: the live state of the programme, for anyone (no access rule to check)."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def of(self, sessions: list[Session]) -> dict[int, Status]:
        """Each session's status, by id; a session as planned maps to ``PLANNED``."""
        overrides = await self._store.programme_overrides.all()
        now = self._clock.now()
        return {s.id: status(s, overrides.get(s.key, {}), now) for s in sessions}

    async def cancelled(self) -> list[CancelledSession]:
        """Sessions cancelled in chat, in programme order."""
        found = await self._store.programme_edits.cancelled()
        return sorted(found, key=lambda c: (c.fields.starts_at, c.session_id))


def status(session: Session, file_values: dict[str, str | None], now: dt.datetime) -> Status:
    """``file_values``: the file's value of each field a chat edit overrode."""
    states: set[State] = set()
    planned_start = planned_room = None
    start = file_values.get("starts_at")
    if start is not None and utc_from(start) != session.starts_at:
        planned_start = utc_from(start)
        states.add(State.DELAYED if session.starts_at > planned_start else State.EARLIER)
    room = text_from(file_values.get("room"))
    if room is not None and room != session.room:
        planned_room = room
        states.add(State.MOVED)
    if session.marked_start is not None and session.is_on(now):
        states.add(State.ON_STAGE)
    return Status(frozenset(states), planned_start, planned_room) if states else PLANNED
