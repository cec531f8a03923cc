"""Daily summaries: one per meeting day, read by anyone, published by the organisers.

Publishing (from chat) and the push to subscribers are one unit of work: the summary is
in the store together with the notices queued for it, or neither is. Summaries from
``load`` are pushed by :meth:`SummaryService.push_due`, which the press centre's due job
runs. Subscribers are the press centre's audience: journalists are subscribed on
accreditation, anyone may opt in or out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.agenda.values import Day
from bot.content.models import Text
from bot.delivery.notify import Notifier
from bot.store.holder import Store
from bot.summaries.notices import SummaryNotices
from bot.summaries.values import Summary
from bot.time.clock import Clock
from bot.users.access import require_organiser
from bot.users.values import User


class PublishOutcome(StrEnum):
    PUBLISHED = "published"
    UNKNOWN_DAY = "unknown_day"


@dataclass(frozen=True, slots=True)
class SummaryDay:
    day: Day
    published: bool


EmailPush = Callable[[Summary, str], Awaitable[object]]
"""The summary by email too (``bot.email.mail.PressMail.summary_published``)."""


class SummaryService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        notifier: Notifier,
        notices: SummaryNotices,
        email: EmailPush | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._notifier = notifier
        self._notices = notices
        self._email = email

    async def days(self) -> list[SummaryDay]:
        published = await self._store.summaries.published_days()
        days = await self._store.programme.days()
        return [SummaryDay(day, day.date in published) for day in days]

    async def is_meeting_day(self, day: dt.date) -> bool:
        return day in {d.date for d in await self._store.programme.days()}

    async def for_day(self, day: dt.date) -> Summary | None:
        return await self._store.summaries.for_day(day)

    async def publish(
        self, user: User, draft: str, day: dt.date, title: str, body: str
    ) -> PublishOutcome:
        """Publishes (or replaces) the day's summary once per draft and pushes it."""
        require_organiser(user)
        async with self._store.transaction():
            if not await self.is_meeting_day(day):
                return PublishOutcome.UNKNOWN_DAY
            # Typed in one language, shown as written in both.
            await self._store.summaries.publish_from_chat(
                day, Text(ru=title, en=title), Text(ru=body, en=body), draft, self._clock.now()
            )
            await self.push_due()
        return PublishOutcome.PUBLISHED

    async def push_due(self) -> int:
        """Every summary not yet pushed (from chat or from ``load``), each once."""
        queued = 0
        async with self._store.transaction():
            for summary, publication in await self._store.summaries.unpushed():
                queued += await self._notifier.notify(
                    await self._store.press_subscribers.subscribed_ids(),
                    kind="press.summary",
                    key=f"{summary.day.isoformat()}:{publication}",
                    render=self._notices.published(summary),
                )
                if self._email is not None:
                    await self._email(summary, publication)
                await self._store.summaries.mark_pushed(summary.day, publication, self._clock.now())
        return queued

    async def is_subscribed(self, user_id: int) -> bool:
        return await self._store.press_subscribers.is_subscribed(user_id)

    async def subscribe(self, user_id: int, subscribed: bool) -> None:
        """Summaries pushed on publication, or no more (a user's own choice)."""
        await self._store.press_subscribers.set(user_id, subscribed)

    async def subscribe_by_default(self, user_id: int) -> None:
        """Subscribes a new journalist unless they already chose; joins the caller's unit."""
        await self._store.press_subscribers.subscribe_by_default(user_id)
