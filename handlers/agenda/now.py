"""/now: what is on at this moment and what comes next, at any point in time."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService, Phase
from bot.agenda.values import Session
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading, day_label, time_range
from bot.users.values import User
from handlers.agenda.browse import AgendaCb, AgendaView
from handlers.common.views import event_zone_label, show
from handlers.start.menu import MenuCb, Section


async def now_view(agenda: AgendaService, language: str) -> tuple[str, InlineKeyboardMarkup]:
    event = await agenda.event()
    zone = await agenda.zone()
    now = agenda.now()
    state = await agenda.now_and_next()

    def line(session: Session) -> str:
        when = time_range(session.starts_at, session.ends_at, zone)
        room = escape(session.room.get(language))
        return f"{when} <b>{escape(session.title.get(language))}</b> · {room}"

    lines: list[str] = []
    if state.phase is Phase.BEFORE and state.next is not None:
        start = state.next.starts_at
        lines.append(
            _("The meeting starts on {day} at {time}.").format(
                day=escape(day_label(start.astimezone(zone).date(), language)),
                time=start.astimezone(zone).strftime("%H:%M"),
            )
        )
        lines += ["", _("First:"), line(state.next)]
    elif state.phase is Phase.OVER:
        lines.append(_("The meeting has ended. The daily summaries stay available in /summary."))
    else:
        if state.current:
            lines.append(_("<b>Now</b>"))
            lines += [line(session) for session in state.current]
        else:
            lines.append(_("Nothing is on right now."))
        if state.next is not None:
            day = state.next.starts_at.astimezone(zone).date()
            lines += ["", _("<b>Next</b>")]
            if day != now.astimezone(zone).date():
                lines.append(escape(day_heading(day, language)))
            lines.append(line(state.next))
        else:
            lines += ["", _("This is the last session of the meeting.")]
    if state.phase is not Phase.OVER:
        zone_text = escape(event_zone_label(event, zone, now, language))
        lines += ["", _("Times: {zone}").format(zone=zone_text)]

    builder = InlineKeyboardBuilder()
    for session in (*state.current, *([state.next] if state.next else [])):
        builder.button(
            text=_("Details: {title}").format(title=session.title.get(language))[:60],
            callback_data=AgendaCb(view=AgendaView.SESSION, session=session.id),
        )
    builder.button(text=_("📅 Programme"), callback_data=AgendaCb(view=AgendaView.DAYS))
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def router() -> Router:
    router = Router(name="now")

    @router.message(Command("now"), F.chat.type == "private")
    async def now_command(message: Message, user: User, agenda: AgendaService) -> None:
        text, markup = await now_view(agenda, user.language)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(MenuCb.filter(F.section == Section.NOW))
    async def now_button(callback: CallbackQuery, user: User, agenda: AgendaService) -> None:
        text, markup = await now_view(agenda, user.language)
        await show(callback, text, markup)
        await callback.answer()

    return router
