"""After each day's last session, offer everyone the next day's sessions in one tap."""

from __future__ import annotations

import datetime as dt
import itertools
import logging

from bot.reminders.deps import JobDeps

log = logging.getLogger(__name__)

KIND = "day-offer"


class DayOffers:
    def __init__(self, deps: JobDeps) -> None:
        self._deps = deps
        self._store = deps.store
        self._clock = deps.clock
        self._scheduler = deps.scheduler
        self._agenda = deps.agenda

    async def plan(self) -> None:
        """One job per day that has a next day: at the end of its last session.

        Planned at start-up too, so a moment missed while the bot was down still comes,
        late, the same evening; once the next day has begun (in the event's zone) it is
        no longer news: a restart during day two sent «day one is over» 18 hours late.
        """
        days = await self._agenda.days()
        for day, following in itertools.pairwise(days):
            sessions = await self._store.programme.sessions(day.date)
            upcoming = await self._store.programme.sessions(following.date)
            job_id = f"offer:{following.date.isoformat()}"
            if not sessions or not upcoming or await self._begun(following.date):
                self._scheduler.cancel(job_id)
                continue
            moment = max(s.ends_at for s in sessions)
            self._scheduler.run_at(job_id, moment, self.offer, following.date.isoformat())

    async def offer(self, day_iso: str) -> None:
        """Offer the day to everyone who does not follow it yet, unless it has started."""
        date = dt.date.fromisoformat(day_iso)
        found = await self._agenda.day(date)
        now = self._clock.now()
        if found is None or not found[1] or found[1][0].starts_at <= now:
            return
        earlier = [s for s in await self._store.programme.sessions() if s.day < date]
        if any(s.ends_at > now for s in earlier):  # the programme changed: not over yet
            await self.plan()
            return
        day, sessions = found
        ctx = await self._deps.notice_context()
        async with self._store.transaction():
            queued = await self._deps.notifier.notify(
                await self._store.reminders.users_not_following(date),
                kind=KIND,
                key=day_iso,
                render=lambda language: self._deps.notices.day_offer(language, day, sessions, ctx),
            )
        log.info("offer of %s: %s queued", day_iso, queued)

    async def _begun(self, date: dt.date) -> bool:
        """The day has begun in the event's zone."""
        return self._clock.now().astimezone(await self._agenda.zone()).date() >= date
