"""Retention and minimisation.

A day after a session's followers were asked for feedback its round closes, and the
ratings lose the rater's id. RETENTION_DAYS after the meeting's last day everyone's
personal data but the organisers' is erased (``PrivacyService.purge``), and again at
every check after that, so nobody who writes later is kept either. The organisers are
warned in chat 7 days and 1 day before, each once (recorded in the audit log); nothing
is erased until the 1-day warning is a day old.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from bot.delivery.notify import Notifier
from bot.privacy.service import PrivacyService
from bot.privacy.values import PrivacyNotices
from bot.store.codec import utc_text
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.time.scheduler import Scheduler
from bot.users.access import AccessService

log = logging.getLogger(__name__)
RETENTION_JOB = "privacy-retention"
WARNINGS = (1, 7)
"""Days before the purge when the organisers are told, nearest first."""
ROUND_OPEN = dt.timedelta(days=1)
"""How long a session's followers may rate it after they were asked; then the round
closes and its ratings are kept without the rater's id."""


class RetentionJobs:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        scheduler: Scheduler,
        privacy: PrivacyService,
        warn: tuple[AccessService, Notifier, PrivacyNotices],
        *,
        days: int,
        check_seconds: float,
    ) -> None:
        self._store = store
        self._clock = clock
        self._scheduler = scheduler
        self._privacy = privacy
        self._access, self._notifier, self._notices = warn
        self._days = days
        self._check_seconds = check_seconds

    async def start(self) -> None:
        """Called when the bot starts: checked at once, then periodically."""
        self._scheduler.run_every(RETENTION_JOB, self._check_seconds, self.check)
        await self.check()

    async def purge_at(self) -> dt.datetime | None:
        """Midnight after the meeting's last day (event zone), plus RETENTION_DAYS."""
        event = await self._store.programme.event()
        if event is None:
            return None
        zone = ZoneInfo(event.timezone)
        day_after = dt.datetime.combine(event.ends_on + dt.timedelta(days=1), dt.time(), zone)
        return (day_after + dt.timedelta(days=self._days)).astimezone(dt.UTC)

    async def check(self) -> None:
        """Close the feedback rounds that are over; warn or purge when the time comes."""
        now = self._clock.now()
        closed = await self._store.privacy.close_feedback_rounds(now - ROUND_OPEN, now)
        if closed:
            log.info("feedback: %d round(s) closed, ratings kept without rater ids", closed)
        purge_at = await self.purge_at()
        if purge_at is None:
            return
        if now >= purge_at and await self._warned_a_day_ago(purge_at, now):
            report = await self._privacy.purge()
            if report.people:
                log.info("retention: the personal data of %d people erased", report.people)
            return
        for days in WARNINGS:
            if now >= purge_at - dt.timedelta(days=days):
                await self._warn(purge_at, days)
                return

    async def _warned_a_day_ago(self, purge_at: dt.datetime, now: dt.datetime) -> bool:
        """Nothing is erased unwarned: a bot that was down through the warnings warns now
        and purges a day later."""
        warned = await self._store.privacy.logged_at("retention-warning", _warning(purge_at, 1))
        return warned is not None and now - warned >= dt.timedelta(days=1)

    async def _warn(self, purge_at: dt.datetime, days: int) -> None:
        """Queued once per warning, and recorded (the purge waits for the last one)."""
        event = await self._store.programme.event()
        detail = _warning(purge_at, days)
        if event is None or await self._store.privacy.logged_at("retention-warning", detail):
            return
        async with self._store.transaction():
            await self._notifier.notify(
                await self._access.organiser_ids(),
                kind="privacy.retention",
                key=detail,
                # Late (the bot was down): the erasure waits a day from now, and says so.
                render=self._notices.retention_warning(
                    max(purge_at, self._clock.now() + dt.timedelta(days=days)), days, event
                ),
            )
            await self._store.privacy.record(self._clock.now(), "retention-warning", detail)


def _warning(purge_at: dt.datetime, days: int) -> str:
    return f"{utc_text(purge_at)}:{days}"
