"""How a broadcast's progress is shown in Telegram: the author's message, edited in place.

``ProgressMessages`` is the ``ProgressView`` the loop in ``bot/broadcasts/progress.py``
is given (built in ``bot/app.py``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.utils.i18n import I18n

from bot.agenda.service import AgendaService
from bot.broadcasts.service import Report
from bot.broadcasts.values import BroadcastState
from bot.delivery import DeliveryProgress
from bot.time.display import clock_time
from handlers.broadcasts.views import cancel_markup, estimate, progress_text
from handlers.common.views import event_zone_label

log = logging.getLogger(__name__)


class ProgressMessages:
    """Edits the author's progress message, in the author's language, when it says
    something new; a finished broadcast's report is shown once and never overwritten by
    a «sending» state."""

    def __init__(self, bot: Bot, i18n: I18n, agenda: AgendaService, rate: float) -> None:
        self._bot = bot
        self._i18n = i18n
        self._agenda = agenda
        self._rate = rate
        self._shown: dict[int, str] = {}
        self._reported: set[int] = set()
        self._editing = asyncio.Lock()  # the loop and the handlers both show

    async def show(self, report: Report) -> None:
        async with self._editing:
            await self._show(report)

    async def _show(self, report: Report) -> None:
        broadcast = report.broadcast
        if broadcast.progress_message_id is None or broadcast.id in self._reported:
            return
        running = broadcast.state is BroadcastState.SENDING
        with self._i18n.context(), self._i18n.use_locale(broadcast.language):
            eta = await self._eta(report.progress, broadcast.language)
            text = progress_text(broadcast, report.progress, eta)
            markup = cancel_markup(broadcast) if running else None
        if self._shown.get(broadcast.id) == text:
            return
        try:
            await self._bot.edit_message_text(
                text=text,
                chat_id=broadcast.progress_chat_id,
                message_id=broadcast.progress_message_id,
                reply_markup=markup,
            )
        except TelegramBadRequest as error:  # deleted by the author, or the same text
            log.info("broadcast %s: progress not shown: %s", broadcast.id, error.message)
        if running:
            self._shown[broadcast.id] = text
        else:
            self._shown.pop(broadcast.id, None)
            self._reported.add(broadcast.id)

    async def _eta(self, progress: DeliveryProgress, language: str) -> str:
        """When the rest will have gone at the delivery rate, in the event's zone."""
        seconds = progress.queued / self._rate
        finish = self._agenda.now() + dt.timedelta(seconds=seconds)
        zone = await self._agenda.zone()
        label = event_zone_label(await self._agenda.event(), zone, finish, language)
        return estimate(seconds, f"{clock_time(finish, zone)} ({label})")
