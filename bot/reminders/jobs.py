"""What the bot does on its own about reminders, assembled: send them on time, offer the
next day, and tell followers when a session moves, is cancelled or joins a followed day.

The store is the source of truth: jobs carry only ids and are derived from it at start-up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.reminders.changes import ProgrammeChanges
from bot.reminders.deps import JobDeps
from bot.reminders.offers import DayOffers
from bot.reminders.planning import Pacing
from bot.reminders.sending import ReminderSender


@dataclass(frozen=True, slots=True)
class ReminderTiming:
    """How often to look for programme changes, and how long edits must rest."""

    poll_seconds: float = 10.0
    debounce: dt.timedelta = dt.timedelta(minutes=3)


class ReminderJobs:
    def __init__(self, deps: JobDeps, timing: ReminderTiming, pacing: Pacing) -> None:
        self._deps = deps
        self._timing = timing
        self.sender = ReminderSender(deps, pacing)
        self.offers = DayOffers(deps)
        self.changes = ProgrammeChanges(deps, self.sender, self.offers, timing.debounce)

    async def start(self, *, fresh_store: bool = False) -> None:
        """Rebuild every job from the store; called when the bot starts.

        ``fresh_store``: the programme was just loaded into an empty store, so its
        sessions are not news to anyone (nobody can follow them yet).
        """
        if fresh_store:
            await self._deps.store.reminders.mark_all_handled(self._deps.clock.now())
        poll = self._timing.poll_seconds
        self._deps.scheduler.run_every("session-changes", poll, self.changes.check)
        await self.changes.check()
        self.sender.replan_soon()
        await self.offers.plan()
