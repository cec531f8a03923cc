"""The invite deep links (``/start inv_<token>``): anyone may open one."""

from __future__ import annotations

from dataclasses import replace

from aiogram import Bot, F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message
from aiogram.utils.i18n import I18n

from bot.agenda.service import AgendaService
from bot.invites.service import PAYLOAD_PREFIX, InviteService
from bot.users.values import Role, User
from handlers.invites.views import redemption_text
from handlers.start.menu import greeting, main_menu, publish_chat_commands


async def redeem(
    message: Message,
    command: CommandObject,
    user: User,
    *,
    invites: InviteService,
    agenda: AgendaService,
    bot: Bot,
    i18n: I18n,
) -> None:
    """The invite's answer, then the usual greeting (the link was a /start)."""
    result = await invites.redeem(command.args or "", user)
    if result.role is Role.ORGANISER and not user.is_organiser:
        await publish_chat_commands(bot, i18n, replace(user, role=Role.ORGANISER))
    await message.answer(redemption_text(result, user.language))
    await message.answer(await greeting(user, agenda), reply_markup=main_menu())


def router() -> Router:
    router = Router(name="invites.links")
    router.message.register(
        redeem, CommandStart(deep_link=True, magic=F.args.startswith(PAYLOAD_PREFIX))
    )
    return router
