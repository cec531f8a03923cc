"""Reminders as a user manages them: which sessions and days they follow, and how early."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Protocol

from bot.agenda.values import Session
from bot.store.holder import Store
from bot.time.clock import Clock

LEAD_CHOICES = (5, 10, 15, 30, 60)
DEFAULT_LEAD = 15


class ReminderPlanner(Protocol):
    async def sync_session(self, session_id: int) -> None:
        """Make the scheduled reminders of one session match the store."""
        ...


class Subscribed(StrEnum):
    YES = "yes"
    STARTED = "started"
    MISSING = "missing"


class ReminderService:
    def __init__(self, store: Store, clock: Clock, planner: ReminderPlanner) -> None:
        self._store = store
        self._clock = clock
        self._planner = planner

    async def is_subscribed(self, user_id: int, session_id: int) -> bool:
        return session_id in await self._store.reminders.session_ids(user_id)

    async def remind(self, user_id: int, session_id: int) -> Subscribed:
        """Follow one session; a session that has started can no longer be reminded of."""
        session = await self._store.programme.session(session_id)
        if session is None:
            return Subscribed.MISSING
        if session.starts_at <= self._clock.now():
            return Subscribed.STARTED
        await self._store.reminders.subscribe(user_id, [session_id], self._clock.now())
        await self._planner.sync_session(session_id)
        return Subscribed.YES

    async def forget(self, user_id: int, session_id: int) -> bool:
        removed = await self._store.reminders.unsubscribe(user_id, [session_id])
        await self._planner.sync_session(session_id)
        return removed > 0

    async def forget_all(self, user_id: int) -> int:
        session_ids = await self._store.reminders.session_ids(user_id)
        removed = await self._store.reminders.unsubscribe(user_id)
        for session_id in session_ids:
            await self._planner.sync_session(session_id)
        return removed

    async def follow_day(self, user_id: int, day: dt.date) -> list[Session] | None:
        """Follow every session of the day still to come, and sessions added to it later.

        ``None`` when the day is not in the programme.
        """
        if day not in {d.date for d in await self._store.programme.days()}:
            return None
        now = self._clock.now()
        upcoming = [s for s in await self._store.programme.sessions(day) if s.starts_at > now]
        await self._store.reminders.follow_day(user_id, day, now)
        await self._store.reminders.subscribe(user_id, [s.id for s in upcoming], now)
        for session in upcoming:
            await self._planner.sync_session(session.id)
        return upcoming

    async def unfollow_day(self, user_id: int, day: dt.date) -> None:
        sessions = await self._store.programme.sessions(day)
        await self._store.reminders.unfollow_day(user_id, day)
        await self._store.reminders.unsubscribe(user_id, [s.id for s in sessions])
        for session in sessions:
            await self._planner.sync_session(session.id)

    async def follows_day(self, user_id: int, day: dt.date) -> bool:
        return await self._store.reminders.follows_day(user_id, day)

    async def followed(self, user_id: int) -> list[Session]:
        """The user's sessions in time order, those already over left out."""
        ids = await self._store.reminders.session_ids(user_id)
        now = self._clock.now()
        sessions = await self._store.programme.sessions()
        return [s for s in sessions if s.id in ids and not s.is_over(now)]

    async def lead(self, user_id: int) -> int:
        return await self._store.reminders.lead(user_id)

    async def set_lead(self, user_id: int, minutes: int) -> None:
        if minutes not in LEAD_CHOICES:
            raise ValueError(f"lead time must be one of {LEAD_CHOICES}, got {minutes}")
        await self._store.reminders.set_lead(user_id, minutes)
        for session_id in await self._store.reminders.session_ids(user_id):
            await self._planner.sync_session(session_id)
