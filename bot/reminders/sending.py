"""Hands owed reminders to delivery at their planned moments (see ``planning``).

One scheduler job, re-armed after every run for the next planned moment. Nothing is held
in memory between runs: each run reads what is owed from the store, so a subscription,
a new lead, a moved session or a restart is taken into account by simply running again
(``replan_soon``). The late-run rule falls out of it: after downtime, a reminder whose
moment has passed goes at once with the real time left; once its session has started it
is no longer owed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Sequence

from bot.agenda.values import Session
from bot.reminders.deps import JobDeps
from bot.reminders.planning import Pacing, due_now, plan
from bot.reminders.values import (
    KIND,
    LEAD_CHOICES,
    NoticeContext,
    Owed,
    Slot,
    reminder_key,
    whole_minutes,
)

log = logging.getLogger(__name__)

JOB = "reminders"
LONGEST_LEAD = dt.timedelta(minutes=max(LEAD_CHOICES))
RETRY_AFTER_FAILURE = dt.timedelta(seconds=10)


class ReminderSender:
    def __init__(self, deps: JobDeps, pacing: Pacing) -> None:
        self._deps = deps
        self._store = deps.store
        self._clock = deps.clock
        self._scheduler = deps.scheduler
        self._pacing = pacing
        self._running = asyncio.Lock()
        self._changed = False
        self._planned: dt.datetime | None = None
        """When the job runs next, once armed."""

    def replan_soon(self) -> None:
        """Something the plan depends on changed: run again as soon as possible."""
        self._changed = True
        self._arm(self._clock.now())

    def owed_from(self, moment: dt.datetime) -> None:
        """One more reminder is owed at ``moment``: a run already planned no later than
        that reads it from the store, so nothing is re-read now. At a peak, hundreds of
        «Remind me» taps for later sessions each cost a read of everything owed (the
        plan's query, ~1,000 rows) before; now none does. A run under way may have read
        the store before the new subscription: then run again, as ``replan_soon``."""
        planned = self._planned
        if planned is not None and planned <= moment and not self._running.locked():
            return
        self.replan_soon()

    def _arm(self, moment: dt.datetime) -> None:
        self._planned = moment
        self._scheduler.run_at(JOB, moment, self.run)

    async def run(self) -> None:
        """Hand over what is due, then sleep until the next planned moment.

        Re-armed whatever happens: a run that fails (logged by the scheduler) is retried
        shortly instead of leaving reminders unplanned until the next change.
        """
        async with self._running:
            self._changed = False
            now = self._clock.now()
            next_run = now + RETRY_AFTER_FAILURE
            try:
                next_run = await self._hand_over(now)
            finally:
                # A change during this run asked for another one: keep it, do not postpone it.
                self._arm(now if self._changed else next_run)

    async def _hand_over(self, now: dt.datetime) -> dt.datetime:
        """Queue the reminders due now; returns when the next ones are."""
        slots = plan(await self._owed(now), now, self._pacing)
        due, next_run = due_now(slots, now, self._pacing)
        if due:
            await self._send(due)
        return next_run

    async def _owed(self, now: dt.datetime) -> list[Owed]:
        horizon = now + self._pacing.horizon
        owed = await self._store.reminders.owed(now, horizon + LONGEST_LEAD)
        return [reminder for reminder in owed if reminder.moment <= horizon]

    async def _send(self, due: Sequence[Slot]) -> None:
        by_session: dict[tuple[int, dt.datetime], list[int]] = {}
        for slot in due:  # earliest slot first: the outbox sends in that order
            owed = slot.owed
            by_session.setdefault((owed.session_id, owed.starts_at), []).append(owed.user_id)
        ctx = await self._deps.notice_context()
        for (session_id, starts_at), user_ids in by_session.items():
            session = await self._store.programme.session(session_id)
            if session is None or session.starts_at != starts_at:
                continue  # changed since it was read: the next run sees it as it is
            await self._remind(session, user_ids, ctx)

    async def _remind(self, session: Session, user_ids: list[int], ctx: NoticeContext) -> None:
        minutes = whole_minutes(session.starts_at - ctx.now)

        async with self._store.transaction():
            queued = await self._deps.notifier.notify(
                user_ids,
                kind=KIND,
                key=reminder_key(session.id, session.starts_at),
                render=lambda language: self._deps.notices.reminder(
                    language, session, minutes, ctx
                ),
            )
        log.info("reminders of session %s: %s queued", session.id, queued)
