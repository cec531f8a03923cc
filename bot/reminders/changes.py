"""Programme changes, told to those they concern once the edits have rested.

Content loads (possibly from another process) leave rows in ``session_changes`` through
triggers. A moved session re-plans its reminders at once; the notice waits until the
session has not been edited for the quiet period, so a burst of edits makes one notice.
Each change is told and marked handled in one transaction: told once, or not at all.

A cancelled session's followers are kept (``suspended_follows``, by the session's key)
once they are told; when the session comes back, restored in chat or by the files, they
follow it again and are told it is back, unless they have since let it go.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from bot.agenda.values import Session, SessionChange, SessionSnapshot
from bot.delivery.notify import Render
from bot.reminders.deps import JobDeps
from bot.reminders.offers import DayOffers
from bot.reminders.sending import ReminderSender
from bot.reminders.values import NoticeContext


class ProgrammeChanges:
    def __init__(
        self, deps: JobDeps, sender: ReminderSender, offers: DayOffers, debounce: dt.timedelta
    ) -> None:
        self._deps = deps
        self._store = deps.store
        self._notifier = deps.notifier
        self._notices = deps.notices
        self._sender = sender
        self._offers = offers
        self._debounce = debounce

    async def check(self) -> None:
        """Re-plan moved sessions at once; tell people once the edits have rested."""
        now = self._deps.clock.now()
        touched = await self._store.reminders.notice_changes(now)
        if touched:
            # The rows come from the load's own transaction: read the sessions afresh now,
            # not from a cache that notices other processes' writes only once a second.
            self._store.content_cache.invalidate()
            self._sender.replan_soon()
            await self._offers.plan()
        for change in await self._store.reminders.settled_changes(now - self._debounce):
            ctx = await self._deps.notice_context()
            async with self._store.transaction():
                await self._tell(change, ctx)
                await self._store.reminders.mark_handled(change.change_ids, now)

    async def _tell(self, change: SessionChange, ctx: NoticeContext) -> None:
        before, after = change.before, change.after
        key = f"{change.session_id}:{change.change_ids[-1]}"
        if after is None:
            if before is not None:
                await self._cancelled(change, before, key, ctx)
            return
        session = await self._store.programme.session(change.session_id)
        if session is None or session.is_over(ctx.now):
            return
        if before is None:
            await self._added(session, key, ctx)
        elif not before.same_slot(after):  # else edited and edited back while quiet
            await self._notifier.notify(
                await self._store.reminders.subscriber_ids(session.id),
                kind="moved",
                key=key,
                render=lambda language: self._notices.moved(language, session, before, ctx),
            )

    async def _cancelled(
        self, change: SessionChange, before: SessionSnapshot, key: str, ctx: NoticeContext
    ) -> None:
        session_id = change.session_id
        if before.ends_at > ctx.now:
            await self._notifier.notify(
                await self._store.reminders.subscriber_ids(session_id),
                kind="cancelled",
                key=key,
                render=lambda language: self._notices.cancelled(language, session_id, before, ctx),
            )
        # The last record is the removal: it names the key to keep the followers by.
        await self._store.reminders.suspend_session(session_id, change.change_ids[-1], ctx.now)

    async def _added(self, session: Session, key: str, ctx: NoticeContext) -> None:
        """A session back in the programme: those who followed it when it was cancelled
        follow it again. A session added to a day people follow: they follow it too.
        Those who have let it go since (``ReminderService``) are not among them."""
        back, declined = await self._store.reminders.take_suspended(session.key)
        if session.starts_at <= ctx.now:
            return
        day_followers = await self._store.reminders.day_follower_ids(session.day)
        newcomers = [u for u in day_followers if u not in back and u not in declined]
        if back:
            render = partial(self._notices.restored, session=session, ctx=ctx)
            await self._join(back, session.id, key, ctx.now, render)
        if newcomers:
            render = partial(self._notices.added, session=session, ctx=ctx)
            await self._join(newcomers, session.id, key, ctx.now, render)

    async def _join(
        self, user_ids: list[int], session_id: int, key: str, now: dt.datetime, render: Render
    ) -> None:
        """They follow the session from now on, and are told (``added``: the outbox family
        of a session joining someone's reminders)."""
        await self._store.reminders.subscribe_many(user_ids, session_id, now)
        self._sender.replan_soon()
        await self._notifier.notify(user_ids, kind="added", key=key, render=render)
