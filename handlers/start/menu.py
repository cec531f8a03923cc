"""/start, /help, the main menu and the language switch."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from functools import lru_cache
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    CallbackQuery,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n, get_i18n
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.config import Language
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import date_span
from bot.users.service import UserService
from bot.users.values import User
from handlers.common.callbacks import answer_callbacks
from handlers.common.views import show


class Section(StrEnum):
    AGENDA = "agenda"
    NOW = "now"
    DELEGATIONS = "delegations"
    SUMMARY = "summary"
    HELP = "help"
    HOME = "home"
    REMINDERS = "reminders"
    VENUE = "venue"


class MenuCb(CallbackData, prefix="m"):
    section: Section


class LanguageCb(CallbackData, prefix="lang"):
    language: Language
    """Only the languages the bot speaks: a forged one is an out-of-date button."""


def commands(organiser: bool = False) -> list[BotCommand]:
    """The command menu in the current language; /help shows the same list.

    Organisers get theirs in a menu of their own chat (Telegram's chat scope).
    """
    everyone = [
        BotCommand(command="start", description=_("Main menu")),
        BotCommand(command="agenda", description=_("Programme by day")),
        BotCommand(command="now", description=_("What is on now and next")),
        BotCommand(command="delegations", description=_("Participating societies")),
        BotCommand(command="venue", description=_("Venue, halls, Wi-Fi and help desk")),
        BotCommand(command="summary", description=_("Daily summaries")),
        BotCommand(command="press", description=_("Press centre: accreditation, releases, quotes")),
        BotCommand(command="releases", description=_("Press releases")),
        BotCommand(command="advisory", description=_("Media advisory: open and closed sessions")),
        BotCommand(command="quotes", description=_("Quote bank")),
        BotCommand(command="ask", description=_("Request a quote (accredited journalists)")),
        BotCommand(command="requests", description=_("My quote requests")),
        BotCommand(command="reminders", description=_("My reminders and agenda")),
        BotCommand(command="privacy", description=_("How the bot handles your data")),
        BotCommand(command="mydata", description=_("A copy of my data")),
        BotCommand(command="forget", description=_("Erase my data")),
        BotCommand(command="help", description=_("What this bot can do")),
    ]
    if not organiser:
        return everyone
    return [
        *everyone,
        BotCommand(command="broadcast", description=_("Send an announcement")),
        BotCommand(command="broadcasts", description=_("Past broadcasts and their reports")),
        BotCommand(command="invite", description=_("Create an invite link")),
        BotCommand(command="invites", description=_("Open invite links")),
        BotCommand(command="queue", description=_("Quote requests waiting for an answer")),
        BotCommand(command="applications", description=_("Accreditation applications")),
        BotCommand(command="publish", description=_("Publish a press release")),
        BotCommand(command="publish_summary", description=_("Publish a day's summary")),
        BotCommand(command="stats", description=_("Statistics")),
        BotCommand(command="moderate", description=_("Moderate questions to the speakers")),
        BotCommand(command="changes", description=_("Programme changes: the log")),
        BotCommand(command="live", description=_("A live «Now / next» message for a channel")),
    ]


async def publish_chat_commands(bot: Bot, i18n: I18n, user: User) -> None:
    """The user's own command menu, in their language, with the organisers' commands if theirs."""
    with i18n.context(), i18n.use_locale(user.language):
        await bot.set_my_commands(
            commands(organiser=user.is_organiser), scope=BotCommandScopeChat(chat_id=user.id)
        )


def main_menu() -> InlineKeyboardMarkup:
    """The same for everyone who reads one language: built once per language (buttons
    are never changed once sent)."""
    return _main_menu(get_i18n().current_locale)


@lru_cache(maxsize=8)
def _main_menu(_locale: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("📅 Programme"), callback_data=MenuCb(section=Section.AGENDA))
    builder.button(text=_("⏱ Now"), callback_data=MenuCb(section=Section.NOW))
    builder.button(text=_("🌍 Delegations"), callback_data=MenuCb(section=Section.DELEGATIONS))
    builder.button(text=_("📍 Venue"), callback_data=MenuCb(section=Section.VENUE))
    builder.button(text=_("📝 Summaries"), callback_data=MenuCb(section=Section.SUMMARY))
    builder.button(text=_("🔔 Reminders"), callback_data=MenuCb(section=Section.REMINDERS))
    builder.button(text=_("❓ Help"), callback_data=MenuCb(section=Section.HELP))
    builder.button(text="🇷🇺 Русский", callback_data=LanguageCb(language="ru"))
    builder.button(text="🇬🇧 English", callback_data=LanguageCb(language="en"))
    builder.adjust(2, 2, 2, 1, 2)
    return builder.as_markup()


async def greeting(user: User, agenda: AgendaService) -> str:
    event = await agenda.event()
    language = user.language
    text = _(
        "Hello, {name}!\n\n"
        "I am the event desk of the <b>{event}</b>.\n"
        "{dates}, {city}, {venue}.\n"
        "Motto: «{motto}».\n"
        "Organiser: {organiser}.\n\n"
        "Here you can check the programme, see who takes part and read the daily "
        "summaries. Choose below, or send /help."
    ).format(
        name=escape(user.first_name),
        event=escape(event.name.get(language)),
        dates=escape(date_span(event.starts_on, event.ends_on, language)),
        city=escape(event.city.get(language)),
        venue=escape(event.venue.get(language)),
        motto=escape(event.motto.get(language)),
        organiser=escape(event.organiser.get(language)),
    )
    return text + "\n\n" + _("🔒 How the bot handles your data: /privacy")


def help_text(user: User) -> str:
    lines = [_("<b>What I can do</b>"), ""]
    lines += [
        f"/{command.command} — {escape(command.description)}"
        for command in commands(organiser=user.is_organiser)
    ]
    lines += ["", _("Buttons under my messages lead further; the language is switched in /start.")]
    return "\n".join(lines)


async def start(message: Message, user: User, agenda: AgendaService) -> None:
    await message.answer(await greeting(user, agenda), reply_markup=main_menu())


async def help_command(message: Message, user: User) -> None:
    await message.answer(help_text(user), reply_markup=main_menu())


async def help_button(callback: CallbackQuery, user: User) -> None:
    await show(callback, help_text(user), main_menu())


async def home(callback: CallbackQuery, user: User, agenda: AgendaService) -> None:
    await show(callback, await greeting(user, agenda), main_menu())


async def switch_language(
    callback: CallbackQuery,
    *,
    callback_data: LanguageCb,
    callback_answer: CallbackAnswer,
    user: User,
    users: UserService,
    agenda: AgendaService,
    i18n: I18n,
    bot: Bot,
) -> None:
    """Remembered for good, the menu redrawn and the command menu republished in it."""
    await users.choose_language(user.id, callback_data.language)
    chosen = replace(user, language=callback_data.language)
    await publish_chat_commands(bot, i18n, chosen)
    with i18n.use_locale(chosen.language):
        await show(callback, await greeting(chosen, agenda), main_menu())
        callback_answer.text = _("Language: English")


def router() -> Router:
    router = Router(name="start")
    router.message.filter(F.chat.type == "private")
    answer_callbacks(router)
    router.message.register(start, CommandStart())
    router.message.register(help_command, Command("help"))
    router.callback_query.register(help_button, MenuCb.filter(F.section == Section.HELP))
    router.callback_query.register(home, MenuCb.filter(F.section == Section.HOME))
    router.callback_query.register(switch_language, LanguageCb.filter())
    return router
