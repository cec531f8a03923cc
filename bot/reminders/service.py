"""Reminders as a user manages them: which sessions and days they follow, and how early.

Each operation is one unit of work: the subscription writes and the re-planning writes
(withdrawing the reminders already queued for delivery and not yet sent) commit together.
When to send what is the planner's business (``sending``): it reads the store afresh, so
after a change it only needs to be woken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from typing import Protocol

from bot.agenda.values import Session
from bot.reminders.values import KIND, LEAD_CHOICES, Subscribed, Subscription, reminder_key
from bot.store.holder import Store
from bot.time.clock import Clock


class ReminderPlanner(Protocol):
    def replan_soon(self) -> None:
        """The plan's inputs changed: plan again as soon as possible."""
        ...

    def owed_from(self, moment: dt.datetime) -> None:
        """One more reminder is owed at ``moment``: plan again if it may come first."""
        ...


class DeliveryQueue(Protocol):
    def withdrawn(self, kind: str, chat_id: int, keys: Collection[str]) -> None:
        """Rows that left the outbox: the worker must not send a copy it holds."""
        ...


class ReminderService:
    def __init__(
        self, store: Store, clock: Clock, planner: ReminderPlanner, queue: DeliveryQueue
    ) -> None:
        self._store = store
        self._clock = clock
        self._planner = planner
        self._queue = queue

    async def is_subscribed(self, user_id: int, session_id: int) -> bool:
        return session_id in await self._store.reminders.session_ids(user_id)

    async def remind(self, user_id: int, session_id: int) -> Subscription:
        """Follow one session; its reminder is planned for start − lead.

        When that moment has passed already, the session is followed (listed, in «My
        agenda», told of changes) but nothing is sent: the user is looking at it now.
        """
        session = await self._store.programme.session(session_id)
        now = self._clock.now()
        if session is None:
            return Subscription(Subscribed.MISSING)
        if session.starts_at <= now:
            return Subscription(Subscribed.STARTED)
        lead = await self._store.reminders.lead(user_id)
        await self._store.reminders.subscribe(user_id, [session_id], now)  # its one write
        self._planner.owed_from(session.starts_at - dt.timedelta(minutes=lead))
        starts_in = session.starts_at - now
        soon = starts_in < dt.timedelta(minutes=lead)
        return Subscription(Subscribed.TOO_SOON if soon else Subscribed.PLANNED, lead, starts_in)

    async def forget(self, user_id: int, session_id: int) -> bool:
        """Stop following one session, withdrawing its reminder if it waits in the queue;
        a cancelled one (the button under its notice) does not come back to the user."""
        async with self._store.transaction():
            removed = await self._store.reminders.unsubscribe(user_id, [session_id])
            await self._store.reminders.decline_suspended(user_id, [session_id])
            await self._withdraw(user_id, [session_id])
        self._planner.replan_soon()
        return removed > 0

    async def forget_all(self, user_id: int) -> int:
        async with self._store.transaction():
            await self._withdraw(user_id, await self._store.reminders.session_ids(user_id))
            removed = await self._store.reminders.unsubscribe(user_id)
            await self._store.reminders.drop_suspended(user_id)
        self._planner.replan_soon()
        return removed

    async def follow_day(self, user_id: int, day: dt.date) -> list[Session] | None:
        """Follow every session of the day still to come, and sessions added to it later.

        Returns the sessions a reminder is planned for (those starting sooner than the
        lead are followed silently); ``None`` when the day is not in the programme.
        """
        if day not in {d.date for d in await self._store.programme.days()}:
            return None
        now = self._clock.now()
        upcoming = [s for s in await self._store.programme.sessions(day) if s.starts_at > now]
        async with self._store.transaction():
            lead = dt.timedelta(minutes=await self._store.reminders.lead(user_id))
            await self._store.reminders.follow_day(user_id, day, now)
            await self._store.reminders.subscribe(user_id, [s.id for s in upcoming], now)
        self._planner.replan_soon()
        return [s for s in upcoming if s.starts_at - lead >= now]

    async def unfollow_day(self, user_id: int, day: dt.date) -> None:
        """Follow none of the day's sessions, nor its cancelled ones should they return."""
        session_ids = [s.id for s in await self._store.programme.sessions(day)]
        async with self._store.transaction():
            await self._store.reminders.unfollow_day(user_id, day)
            await self._store.reminders.drop_suspended(user_id, day)
            await self._store.reminders.unsubscribe(user_id, session_ids)
            await self._withdraw(user_id, session_ids)
        self._planner.replan_soon()

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
        """Every reminder not yet sent moves to start − the new lead.

        Those already queued are withdrawn and planned again. Whether one is owed follows
        the new lead as if it had always been chosen: a reminder asked for too late
        comes back when a shorter lead makes it possible; one whose new moment has passed
        goes at once, unless that moment precedes the subscription too (then, as for
        «Remind me» pressed too late, nothing comes). Reminders already sent are not
        repeated.
        """
        if minutes not in LEAD_CHOICES:
            raise ValueError(f"lead time must be one of {LEAD_CHOICES}, got {minutes}")
        async with self._store.transaction():
            await self._store.reminders.set_lead(user_id, minutes)
            await self._withdraw(user_id, await self._store.reminders.session_ids(user_id))
        self._planner.replan_soon()

    async def _withdraw(self, user_id: int, session_ids: Iterable[int]) -> list[str]:
        """Take back the user's reminders of those sessions that wait unsent in the queue."""
        wanted = set(session_ids)
        now = self._clock.now()
        keys = [
            reminder_key(s.id, s.starts_at)
            for s in await self._store.programme.sessions()
            if s.id in wanted and s.starts_at > now
        ]
        withdrawn = await self._store.outbox.withdraw(KIND, user_id, keys)
        if withdrawn:
            # Only once the withdrawal committed: a rolled-back one leaves the rows queued.
            self._store.db.after_commit(lambda: self._queue.withdrawn(KIND, user_id, withdrawn))
        return withdrawn
