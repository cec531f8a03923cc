"""What the bot does on its own about reminders: send them on time, offer the next day,
and tell subscribers when a session moves, is cancelled or is added to a day they follow.

The store is the source of truth. Jobs carry only ids and are derived from the store at
start-up; a reminder is sent at most once because its outbox key names the session and
its start time, which the outbox keeps unique per chat.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.agenda.service import AgendaService
from bot.agenda.values import Day, Session, SessionChange, SessionSnapshot
from bot.content.models import Event
from bot.delivery import Delivery, Outgoing
from bot.delivery.values import Recipient
from bot.i18n.catalogues import language_for
from bot.reminders.repository import RecipientRow
from bot.store.codec import utc_text
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.time.scheduler import Scheduler

log = logging.getLogger(__name__)

# A job that finds its session moved later by more than this re-plans instead of sending.
EARLY_TOLERANCE = dt.timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class NoticeContext:
    event: Event
    zone: ZoneInfo
    now: dt.datetime


class ReminderNotices(Protocol):
    """Renders each proactive message for one recipient, in their language."""

    def reminder(
        self, to: Recipient, session: Session, minutes_left: int, ctx: NoticeContext
    ) -> Outgoing: ...

    def moved(
        self, to: Recipient, session: Session, before: SessionSnapshot, ctx: NoticeContext
    ) -> Outgoing: ...

    def cancelled(self, to: Recipient, before: SessionSnapshot, ctx: NoticeContext) -> Outgoing: ...

    def added(self, to: Recipient, session: Session, ctx: NoticeContext) -> Outgoing: ...

    def day_offer(
        self, to: Recipient, day: Day, sessions: Sequence[Session], ctx: NoticeContext
    ) -> Outgoing: ...


@dataclass(frozen=True, slots=True)
class ReminderTiming:
    """How often to look for programme changes, and how long edits must rest."""

    poll_seconds: float = 10.0
    debounce: dt.timedelta = dt.timedelta(minutes=3)


class ReminderJobs:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        scheduler: Scheduler,
        delivery: Delivery,
        agenda: AgendaService,
        notices: ReminderNotices,
        default_language: str,
        timing: ReminderTiming,
    ) -> None:
        self._store = store
        self._clock = clock
        self._scheduler = scheduler
        self._delivery = delivery
        self._agenda = agenda
        self._notices = notices
        self._default_language = default_language
        self._timing = timing

    async def start(self, *, fresh_store: bool = False) -> None:
        """Rebuild every job from the store; called when the bot starts.

        ``fresh_store``: the programme was just loaded into an empty store, so its
        sessions are not news to anyone (nobody can follow them yet).
        """
        if fresh_store:
            await self._store.reminders.mark_all_handled(self._clock.now())
        self._scheduler.run_every("session-changes", self._timing.poll_seconds, self.check_changes)
        await self.check_changes()
        for session_id in await self._store.reminders.followed_session_ids():
            await self.sync_session(session_id)
        await self.plan_day_offers()

    # ------------------------------------------------------------------ reminders

    async def sync_session(self, session_id: int) -> None:
        prefix = f"remind:{session_id}:"
        for job_id in self._scheduler.job_ids():
            if job_id.startswith(prefix):
                self._scheduler.cancel(job_id)
        session = await self._store.programme.session(session_id)
        if session is None or session.starts_at <= self._clock.now():
            return
        for lead in await self._store.reminders.leads_for(session_id):
            moment = session.starts_at - dt.timedelta(minutes=lead)
            self._scheduler.run_at(f"{prefix}{lead}", moment, self.send_reminders, session_id, lead)

    async def send_reminders(self, session_id: int, lead: int) -> None:
        """Remind those who chose ``lead``: late but before the start is fine, after is not."""
        session = await self._store.programme.session(session_id)
        now = self._clock.now()
        if session is None or session.starts_at <= now:
            return
        if now + EARLY_TOLERANCE < session.starts_at - dt.timedelta(minutes=lead):
            await self.sync_session(session_id)  # the session moved later: wait for it
            return
        minutes_left = math.ceil((session.starts_at - now).total_seconds() / 60)
        ctx = await self._context()
        recipients = self._recipients(await self._store.reminders.subscribers(session_id, lead))
        messages = once_per_language(
            recipients, lambda to: self._notices.reminder(to, session, minutes_left, ctx)
        )
        key = f"{session_id}@{utc_text(session.starts_at)}"
        queued = await self._delivery.enqueue(messages, kind="reminder", key=key)
        log.info("reminders for session %s (lead %s): %s queued", session_id, lead, queued)

    # ------------------------------------------------------------------ next-day offer

    async def plan_day_offers(self) -> None:
        """After each day's last session, offer the next day's sessions to everyone."""
        days = await self._agenda.days()
        for day, following in itertools.pairwise(days):
            sessions = await self._store.programme.sessions(day.date)
            upcoming = await self._store.programme.sessions(following.date)
            job_id = f"offer:{following.date.isoformat()}"
            if not sessions or not upcoming or upcoming[0].starts_at <= self._clock.now():
                self._scheduler.cancel(job_id)
                continue
            moment = max(s.ends_at for s in sessions)
            self._scheduler.run_at(job_id, moment, self.offer_day, following.date.isoformat())

    async def offer_day(self, day_iso: str) -> None:
        date = dt.date.fromisoformat(day_iso)
        found = await self._agenda.day(date)
        now = self._clock.now()
        if found is None or not found[1] or found[1][0].starts_at <= now:
            return
        earlier = [s for s in await self._store.programme.sessions() if s.day < date]
        if any(s.ends_at > now for s in earlier):  # the programme changed: not over yet
            await self.plan_day_offers()
            return
        day, sessions = found
        ctx = await self._context()
        recipients = self._recipients(await self._store.reminders.users_not_following(date))
        messages = once_per_language(
            recipients, lambda to: self._notices.day_offer(to, day, sessions, ctx)
        )
        queued = await self._delivery.enqueue(messages, kind="day-offer", key=day_iso)
        log.info("offer of %s: %s queued", day_iso, queued)

    # ------------------------------------------------------------------ changes

    async def check_changes(self) -> None:
        """Re-plan moved sessions at once; tell people once the edits have rested."""
        now = self._clock.now()
        touched = await self._store.reminders.notice_changes(now)
        if touched:
            # The rows come from the load's own transaction: read the sessions afresh now,
            # not from a cache that notices other processes' writes only once a second.
            self._store.content_cache.invalidate()
        for session_id in touched:
            await self.sync_session(session_id)
        if touched:
            await self.plan_day_offers()
        settled = await self._store.reminders.settled_changes(now - self._timing.debounce)
        for change in settled:
            await self._tell(change)
            await self._store.reminders.mark_handled(change.change_ids, self._clock.now())

    async def _tell(self, change: SessionChange) -> None:
        before, after = change.before, change.after
        ctx = await self._context()
        key = f"{change.session_id}:{change.change_ids[-1]}"
        if after is None:
            if before is not None and before.ends_at > ctx.now:
                rows = await self._store.reminders.subscribers(change.session_id)
                messages = once_per_language(
                    self._recipients(rows), lambda to: self._notices.cancelled(to, before, ctx)
                )
                await self._delivery.enqueue(messages, kind="cancelled", key=key)
            await self._store.reminders.drop_session(change.session_id)
            return
        session = await self._store.programme.session(change.session_id)
        if session is None or session.is_over(ctx.now):
            return
        if before is None:
            followers = await self._store.reminders.day_followers(session.day)
            if not followers or session.starts_at <= ctx.now:
                return
            user_ids = [row[0] for row in followers]
            await self._store.reminders.subscribe_many(user_ids, session.id, ctx.now)
            await self.sync_session(session.id)
            messages = once_per_language(
                self._recipients(followers), lambda to: self._notices.added(to, session, ctx)
            )
            await self._delivery.enqueue(messages, kind="added", key=key)
            return
        if before.same_slot(after):
            return  # edited and edited back within the quiet period
        rows = await self._store.reminders.subscribers(change.session_id)
        messages = once_per_language(
            self._recipients(rows), lambda to: self._notices.moved(to, session, before, ctx)
        )
        await self._delivery.enqueue(messages, kind="moved", key=key)

    # ------------------------------------------------------------------ helpers

    async def _context(self) -> NoticeContext:
        return NoticeContext(
            await self._agenda.event(), await self._agenda.zone(), self._clock.now()
        )

    def _recipients(self, rows: Sequence[RecipientRow]) -> list[Recipient]:
        return [
            Recipient(user_id, chosen or language_for(telegram, self._default_language))
            for user_id, chosen, telegram in rows
        ]


def once_per_language(
    recipients: Sequence[Recipient], render: Callable[[Recipient], Outgoing]
) -> list[Outgoing]:
    """The same message for everyone who reads that language, rendered once per language
    (10,000 recipients rendered one by one held the event loop for 1.5 s)."""
    rendered: dict[str, Outgoing] = {}
    messages = []
    for recipient in recipients:
        if recipient.language not in rendered:
            rendered[recipient.language] = render(recipient)
        messages.append(dataclasses.replace(rendered[recipient.language], chat_id=recipient.id))
    return messages
