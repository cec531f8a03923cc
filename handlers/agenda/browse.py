"""/agenda: days → a day's sessions → one session's detail, all in one edited message."""

from __future__ import annotations

from dataclasses import replace

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.config import Settings
from bot.content.pages import KeptPages
from bot.reminders.service import ReminderService
from bot.users.values import User
from bot.web.buttons import web_app_button
from handlers.agenda.callbacks import AgendaCb, AgendaView, day_key, parse_day_key
from handlers.agenda.views import (
    View,
    day_moment,
    day_view,
    days_view,
    frame_for,
    session_moment,
    session_view,
    speaker_line,
)
from handlers.common.callbacks import answer_callbacks
from handlers.common.press_access import sees_press_access
from handlers.common.views import show
from handlers.start.menu import MenuCb, Section

# Other features link into the programme by these names (reminders, summaries, press).
__all__ = ["AgendaCb", "AgendaView", "day_key", "parse_day_key", "router", "speaker_line"]


async def programme_view(
    agenda: AgendaService, user: User, settings: Settings, pages: KeptPages
) -> View:
    """The days: the same page for every reader of a language."""

    async def build() -> View:
        app = web_app_button(settings, user.language)
        return days_view(await agenda.event(), await agenda.days(), user.language, app)

    return await pages.get(("agenda.days", user.language), build)


async def agenda_command(
    message: Message, user: User, agenda: AgendaService, settings: Settings, pages: KeptPages
) -> None:
    text, markup = await programme_view(agenda, user, settings, pages)
    await message.answer(text, reply_markup=markup)


async def days_button(
    callback: CallbackQuery,
    user: User,
    agenda: AgendaService,
    settings: Settings,
    pages: KeptPages,
) -> None:
    await show(callback, *await programme_view(agenda, user, settings, pages))


async def day_button(
    callback: CallbackQuery,
    *,
    callback_data: AgendaCb,
    callback_answer: CallbackAnswer,
    user: User,
    agenda: AgendaService,
    reminders: ReminderService,
    pages: KeptPages,
) -> None:
    shelf = await pages.current()
    date = parse_day_key(callback_data.day)
    found = await agenda.day(date) if date else None
    if found is None:
        callback_answer.text = _("This day is not in the programme.")
        callback_answer.show_alert = True
        return
    day, sessions = found
    following = await reminders.follows_day(user.id, day.date)
    frame = await frame_for(agenda, user.language)
    page = callback_data.page
    key = ("agenda.day", user.language, day.date, page, following, day_moment(frame, sessions))
    await show(callback, *shelf.get(key, lambda: day_view(frame, day, sessions, page, following)))


async def session_button(
    callback: CallbackQuery,
    *,
    callback_data: AgendaCb,
    callback_answer: CallbackAnswer,
    user: User,
    agenda: AgendaService,
    reminders: ReminderService,
    bot: Bot,
    pages: KeptPages,
) -> None:
    shelf = await pages.current()
    session = await agenda.session(callback_data.session)
    if session is None:
        callback_answer.text = _("This session is no longer in the programme.")
        callback_answer.show_alert = True
        return
    subscribed = await reminders.is_subscribed(user.id, session.id)
    frame = replace(await frame_for(agenda, user.language), for_press=sees_press_access(user))
    organiser = user.is_organiser
    key = (
        "agenda.session",
        user.language,
        session.id,
        subscribed,
        organiser,
        frame.for_press,
        session_moment(frame, session),
    )
    text, markup = shelf.get(key, lambda: session_view(frame, session, subscribed, organiser))
    if callback_data.view is AgendaView.SESSION_BELOW:
        await bot.send_message(user.id, text, reply_markup=markup)
    else:
        await show(callback, text, markup)


def router() -> Router:
    router = Router(name="agenda")
    answer_callbacks(router)
    router.message.register(agenda_command, Command("agenda"), F.chat.type == "private")
    router.callback_query.register(days_button, MenuCb.filter(F.section == Section.AGENDA))
    router.callback_query.register(days_button, AgendaCb.filter(F.view == AgendaView.DAYS))
    router.callback_query.register(day_button, AgendaCb.filter(F.view == AgendaView.DAY))
    router.callback_query.register(
        session_button,
        AgendaCb.filter(F.view.in_({AgendaView.SESSION, AgendaView.SESSION_BELOW})),
    )
    return router
