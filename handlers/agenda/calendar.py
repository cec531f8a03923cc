"""«Add to calendar»: an .ics file for one session or the whole programme."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.agenda.calendar import build_calendar
from bot.agenda.service import AgendaService
from bot.users.values import User
from handlers.agenda.callbacks import CalendarCb
from handlers.common.callbacks import answer_callbacks


async def calendar_file(
    callback: CallbackQuery,
    *,
    callback_data: CalendarCb,
    callback_answer: CallbackAnswer,
    user: User,
    agenda: AgendaService,
    bot: Bot,
) -> None:
    """0 stands for the whole programme; importing a newer file updates the entries."""
    if callback_data.session:
        session = await agenda.session(callback_data.session)
        if session is None:
            callback_answer.text = _("This session is no longer in the programme.")
            callback_answer.show_alert = True
            return
        sessions = [session]
        filename = f"{session.key}.ics"
        caption = _("Open the file to add the session to your calendar.")
    else:
        sessions = await agenda.programme()
        filename = "programme.ics"
        caption = _(
            "Open the file to add the whole programme to your calendar. "
            "Importing a newer file updates the entries instead of duplicating them."
        )
    payload = build_calendar(await agenda.event(), sessions, user.language, await agenda.zone())
    await bot.send_document(user.id, BufferedInputFile(payload, filename=filename), caption=caption)


def router() -> Router:
    router = Router(name="calendar")
    answer_callbacks(router)
    router.callback_query.register(calendar_file, CalendarCb.filter())
    return router
