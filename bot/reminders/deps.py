"""What the reminder jobs (sending, offers, changes) work with, handed around as one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.agenda.service import AgendaService
from bot.delivery.notify import Notifier
from bot.reminders.notices import ReminderNotices
from bot.reminders.values import NoticeContext
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.time.scheduler import Scheduler


@dataclass(frozen=True, slots=True)
class JobDeps:
    store: Store
    clock: Clock
    scheduler: Scheduler
    notifier: Notifier
    agenda: AgendaService
    notices: ReminderNotices

    async def notice_context(self) -> NoticeContext:
        """The event, its zone and the time, as every notice text needs them now."""
        return NoticeContext(await self.agenda.event(), await self.agenda.zone(), self.clock.now())
