"""«Add to calendar»: an .ics file for one session or the whole programme."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram.utils.i18n import gettext as _

from bot.agenda.calendar import build_calendar
from bot.agenda.service import AgendaService
from bot.users.values import User


class CalendarCb(CallbackData, prefix="ics"):
    session: int
    """A session's id, or 0 for the whole programme."""


def router() -> Router:
    router = Router(name="calendar")

    @router.callback_query(CalendarCb.filter())
    async def calendar_file(
        callback: CallbackQuery, callback_data: CalendarCb, user: User, agenda: AgendaService
    ) -> None:
        event = await agenda.event()
        if callback_data.session:
            session = await agenda.session(callback_data.session)
            if session is None:
                await callback.answer(
                    _("This session is no longer in the programme."), show_alert=True
                )
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
        payload = build_calendar(event, sessions, user.language, await agenda.zone())
        await callback.bot.send_document(  # type: ignore[union-attr]
            user.id, BufferedInputFile(payload, filename=filename), caption=caption
        )
        await callback.answer()

    return router
