"""Press material for anyone, with no account: the public web edition and its mirror.

The same rules as for a reader who is not accredited (``PressPublishing.releases_for``):
a release shows once its publication time has come and never while its embargo holds;
a daily summary once its publication time has come. Both follow the injected clock, so
the moment an embargo lifts, the next page served (or mirror written) shows the release.
"""

from __future__ import annotations

import datetime as dt

from bot.press.values import PressRelease
from bot.store.holder import Store
from bot.summaries.values import Summary
from bot.time.clock import Clock


class PublicPress:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def releases(self) -> list[PressRelease]:
        """Newest first; never an embargoed one."""
        now = self._clock.now()
        return await self._store.press_releases.published(now, include_embargoed=False)

    async def release(self, release_id: int) -> PressRelease | None:
        """None while it is unpublished or embargoed, as for a release that does not exist."""
        release = await self._store.press_releases.get(release_id)
        now = self._clock.now()
        if release is None or release.published_at > now or release.embargoed(now):
            return None
        return release

    async def summaries(self) -> list[Summary]:
        """The daily summaries published by now, in programme order."""
        days = await self._store.programme.days()
        found = [await self.summary(day.date) for day in days]
        return [summary for summary in found if summary is not None]

    async def summary(self, day: dt.date) -> Summary | None:
        summary = await self._store.summaries.for_day(day)
        if summary is None or summary.published_at > self._clock.now():
            return None
        return summary
