"""The programme as people ask about it: by day, by session, and «what is on now»."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.agenda.values import Day, Session
from bot.content.models import Event
from bot.store.holder import Store
from bot.time.clock import Clock


class Phase(StrEnum):
    BEFORE = "before"
    RUNNING = "running"
    OVER = "over"


@dataclass(frozen=True, slots=True)
class NowAndNext:
    phase: Phase
    current: tuple[Session, ...]
    next: Session | None
    first_day: dt.date | None


class AgendaService:
    def __init__(self, store: Store, clock: Clock, zone_override: str | None = None) -> None:
        self._store = store
        self._clock = clock
        self._zone_override = zone_override

    async def event(self) -> Event:
        event = await self._store.programme.event()
        if event is None:
            raise LookupError("no event loaded: run `python -m bot load`")
        return event

    async def zone(self) -> ZoneInfo:
        """The zone times are shown in: the event's own unless the settings override it."""
        return ZoneInfo(self._zone_override) if self._zone_override else (await self.event()).zone

    def now(self) -> dt.datetime:
        return self._clock.now()

    async def days(self) -> list[Day]:
        return await self._store.programme.days()

    async def day(self, date: dt.date) -> tuple[Day, list[Session]] | None:
        day = next((d for d in await self.days() if d.date == date), None)
        if day is None:
            return None
        return day, await self._store.programme.sessions(date)

    async def session(self, session_id: int) -> Session | None:
        return await self._store.programme.session(session_id)

    async def programme(self) -> list[Session]:
        return await self._store.programme.sessions()

    async def now_and_next(self) -> NowAndNext:
        """What is on at this moment and what comes after it, at any point in time."""
        now = self._clock.now()
        sessions = await self._store.programme.sessions()
        current = tuple(s for s in sessions if s.is_on(now))
        upcoming = next((s for s in sessions if not s.has_started(now)), None)
        if sessions and not any(s.has_started(now) for s in sessions):
            phase = Phase.BEFORE
        elif all(s.is_over(now) for s in sessions):
            phase = Phase.OVER
        else:
            phase = Phase.RUNNING
        first_day = sessions[0].day if sessions else None
        return NowAndNext(phase=phase, current=current, next=upcoming, first_day=first_day)
