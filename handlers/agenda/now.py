"""/now: what is on at this moment and what comes next, at any point in time."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService, NowAndNext, Phase
from bot.agenda.values import Session
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading, day_label
from bot.users.values import User
from handlers.agenda.callbacks import AgendaCb, AgendaView
from handlers.agenda.views import Frame, View, frame_for
from handlers.common.callbacks import answer_callbacks
from handlers.common.views import show
from handlers.start.menu import MenuCb, Section


def _line(frame: Frame, session: Session) -> str:
    title = escape(session.title.get(frame.language))
    return f"{frame.span(session)} <b>{title}</b> · {escape(session.room.get(frame.language))}"


def _before(frame: Frame, first: Session) -> list[str]:
    start = first.starts_at.astimezone(frame.zone)
    starts = _("The meeting starts on {day} at {time}.").format(
        day=escape(day_label(start.date(), frame.language)), time=start.strftime("%H:%M")
    )
    return [starts, "", _("First:"), _line(frame, first)]


def _running(frame: Frame, state: NowAndNext) -> list[str]:
    if state.current:
        lines = [_("<b>Now</b>"), *(_line(frame, session) for session in state.current)]
    else:
        lines = [_("Nothing is on right now.")]
    upcoming = state.next
    if upcoming is None:
        return [*lines, "", _("This is the last session of the meeting.")]
    lines += ["", _("<b>Next</b>")]
    day = upcoming.starts_at.astimezone(frame.zone).date()
    if day != frame.now.astimezone(frame.zone).date():
        lines.append(escape(day_heading(day, frame.language)))
    return [*lines, _line(frame, upcoming)]


def now_lines(frame: Frame, state: NowAndNext) -> list[str]:
    if state.phase is Phase.OVER:
        return [_("The meeting has ended. The daily summaries stay available in /summary.")]
    if state.phase is Phase.BEFORE and state.next is not None:
        lines = _before(frame, state.next)
    else:
        lines = _running(frame, state)
    return [*lines, "", _("Times: {zone}").format(zone=frame.zone_label)]


def now_view(frame: Frame, state: NowAndNext) -> View:
    builder = InlineKeyboardBuilder()
    for session in (*state.current, *([state.next] if state.next else [])):
        builder.button(
            text=_("Details: {title}").format(title=session.title.get(frame.language))[:60],
            callback_data=AgendaCb(view=AgendaView.SESSION, session=session.id),
        )
    builder.button(text=_("📅 Programme"), callback_data=AgendaCb(view=AgendaView.DAYS))
    builder.adjust(1)
    return "\n".join(now_lines(frame, state)), builder.as_markup()


async def _render(agenda: AgendaService, language: str) -> View:
    return now_view(await frame_for(agenda, language), await agenda.now_and_next())


async def now_command(message: Message, user: User, agenda: AgendaService) -> None:
    text, markup = await _render(agenda, user.language)
    await message.answer(text, reply_markup=markup)


async def now_button(callback: CallbackQuery, user: User, agenda: AgendaService) -> None:
    await show(callback, *await _render(agenda, user.language))


def router() -> Router:
    router = Router(name="now")
    answer_callbacks(router)
    router.message.register(now_command, Command("now"), F.chat.type == "private")
    router.callback_query.register(now_button, MenuCb.filter(F.section == Section.NOW))
    return router
