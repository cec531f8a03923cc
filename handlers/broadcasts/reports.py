"""/broadcasts: the recent broadcasts and how each went; cancelling one still sending."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.agenda.service import AgendaService
from bot.broadcasts.progress import ProgressLoop
from bot.broadcasts.service import BroadcastService
from bot.users.values import User
from handlers.broadcasts.callbacks import BroadcastAction, BroadcastCb, alert
from handlers.broadcasts.views import history_view

LISTED = 10  # broadcasts shown by /broadcasts


async def history(
    message: Message, user: User, broadcasts: BroadcastService, agenda: AgendaService
) -> None:
    reports = await broadcasts.recent(user, LISTED)
    if not reports:
        await message.answer(_("No broadcasts yet. Start one with /broadcast."))
        return
    text, markup = history_view(reports, user.language, await agenda.zone())
    await message.answer(text, reply_markup=markup)


async def cancel(
    _callback: CallbackQuery,
    callback_data: BroadcastCb,
    callback_answer: CallbackAnswer,
    user: User,
    broadcasts: BroadcastService,
    broadcast_progress: ProgressLoop,
) -> None:
    report = await broadcasts.cancel(user, callback_data.broadcast)
    if report is None:
        alert(callback_answer, _("This broadcast is not running any more."))
        return
    alert(
        callback_answer,
        ngettext(
            "Cancelled: {count} message will not be sent.",
            "Cancelled: {count} messages will not be sent.",
            report.progress.cancelled,
        ).format(count=report.progress.cancelled),
    )
    await broadcast_progress.show(report)


def router() -> Router:
    router = Router(name="broadcasts.reports")
    router.message.register(history, Command("broadcasts"))
    router.callback_query.register(cancel, BroadcastCb.filter(F.action == BroadcastAction.CANCEL))
    return router
