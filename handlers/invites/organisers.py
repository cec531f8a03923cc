"""/add_organiser TELEGRAM_ID: an organiser makes someone who has talked to the bot one."""

from __future__ import annotations

import re

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import I18n

from bot.users.access import AccessService, AddOutcome
from bot.users.service import UserService
from bot.users.values import User
from handlers.invites.views import add_organiser_usage, added_text
from handlers.start.menu import publish_chat_commands


async def add_organiser(
    message: Message,
    command: CommandObject,
    user: User,
    *,
    access: AccessService,
    users: UserService,
    bot: Bot,
    i18n: I18n,
) -> None:
    """Any number of digits is taken here; the service refuses one no Telegram id can be."""
    argument = (command.args or "").strip()
    if not re.fullmatch(r"[0-9]+", argument):
        await message.answer(add_organiser_usage())
        return
    outcome = await access.add_organiser(user, int(argument))
    added = await users.known(int(argument)) if outcome is AddOutcome.ADDED else None
    if added is not None:
        await publish_chat_commands(bot, i18n, added)
    await message.answer(added_text(outcome, argument))


def router() -> Router:
    router = Router(name="invites.organisers")
    router.message.register(add_organiser, Command("add_organiser"))
    return router
