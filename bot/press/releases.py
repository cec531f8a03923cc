"""Press releases and daily summaries: who may see what when, publishing, and the push.

Visibility always follows the injected clock. The push (announcing a new release, lifting
an embargo, sending a summary to subscribers) runs from :meth:`PressPublishing.run_due`,
which is idempotent: the outbox ignores a message it already holds, and each release
or summary is marked once it has been handed over.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from bot.press.accreditation import AccreditationService
from bot.press.notify import PressNotifier
from bot.press.values import PressRelease, as_written
from bot.store.holder import Store
from bot.summaries.values import Summary
from bot.time.clock import Clock
from bot.users.access import AccessService


class PublishOutcome(StrEnum):
    PUBLISHED = "published"
    NOT_ALLOWED = "not_allowed"
    UNKNOWN_DAY = "unknown_day"


class PressPublishing:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        organisers: AccessService,
        accreditation: AccreditationService,
        notifier: PressNotifier,
    ) -> None:
        self._store = store
        self._clock = clock
        self._organisers = organisers
        self._accreditation = accreditation
        self._notifier = notifier

    def now(self) -> dt.datetime:
        return self._clock.now()

    async def releases_for(self, user_id: int) -> list[PressRelease]:
        """Newest first; accredited journalists see embargoed releases early."""
        early = await self._accreditation.is_accredited(user_id)
        return await self._store.press_releases.published(self.now(), include_embargoed=early)

    async def release_for(self, user_id: int, release_id: int) -> PressRelease | None:
        """The release if this user may read it now; None hides an embargoed one entirely."""
        release = await self._store.press_releases.get(release_id)
        now = self.now()
        if release is None or release.published_at > now:
            return None
        if release.embargoed(now) and not await self._accreditation.is_accredited(user_id):
            return None
        return release

    async def publish_release(
        self,
        organiser: int,
        draft: str,
        title: str,
        body: str,
        embargo_until: dt.datetime | None,
    ) -> tuple[PublishOutcome, PressRelease | None]:
        """Publishes the draft once (the draft id is the key) and notifies at once."""
        if not await self._organisers.is_organiser(organiser):
            return PublishOutcome.NOT_ALLOWED, None
        release = await self._store.press_releases.add_from_chat(
            f"chat:{draft}", as_written(title), as_written(body), self.now(), embargo_until
        )
        await self.run_due()
        return PublishOutcome.PUBLISHED, release

    async def publish_summary(
        self, organiser: int, draft: str, day: dt.date, title: str, body: str
    ) -> PublishOutcome:
        if not await self._organisers.is_organiser(organiser):
            return PublishOutcome.NOT_ALLOWED
        if day not in {d.date for d in await self._store.programme.days()}:
            return PublishOutcome.UNKNOWN_DAY
        await self._store.summaries.publish_from_chat(
            day, as_written(title), as_written(body), draft, self.now()
        )
        await self.run_due()
        return PublishOutcome.PUBLISHED

    async def summary(self, day: dt.date) -> Summary | None:
        return await self._store.summaries.for_day(day)

    async def is_subscribed(self, user_id: int) -> bool:
        return await self._store.press_subscribers.is_subscribed(user_id)

    async def subscribe(self, user_id: int, subscribed: bool) -> None:
        """Daily summaries pushed on publication (journalists are subscribed on approval)."""
        await self._store.press_subscribers.set(user_id, subscribed)

    async def run_due(self) -> None:
        """Everything due by now: new releases, lifted embargoes, unsent summaries."""
        now = self.now()
        await self.announce_due_releases(now)
        await self.release_due_embargoes(now)
        await self.push_due_summaries(now)

    async def announce_due_releases(self, now: dt.datetime) -> int:
        """Releases whose publication time has come (from chat or from ``load``)."""
        queued = 0
        for release in await self._store.press_releases.unannounced(now):
            queued += await self._notifier.release_to_accredited(release, now)
            if release.embargo_until is None:
                queued += await self._notifier.release_to_public(release, now)
            await self._store.press_releases.mark_announced(release.id, now)
        return queued

    async def release_due_embargoes(self, now: dt.datetime) -> int:
        """Embargoes that have lifted by ``now``; running it again sends nothing new."""
        queued = 0
        for release in await self._store.press_releases.embargoes_due(now):
            queued += await self._notifier.release_to_public(release, now)
            await self._store.press_releases.mark_lifted(release.id, now)
        return queued

    async def push_due_summaries(self, now: dt.datetime) -> int:
        queued = 0
        for summary, publication in await self._store.summaries.unpushed():
            queued += await self._notifier.summary_published(summary, publication)
            await self._store.summaries.mark_pushed(summary.day, publication, now)
        return queued
