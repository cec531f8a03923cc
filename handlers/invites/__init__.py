"""Invite links and roles: /invite, /invites, /add_organiser and ``/start inv_<token>``.

Opening a link is anyone's; everything else sits in the organisers' sub-router (the
filter set once), and one refusal answers everyone else. Buttons are answered by
``answer_callbacks`` on this router, which covers its sub-routers.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.users.values import Role
from handlers.common.access import organisers_only, refusal
from handlers.common.callbacks import answer_callbacks
from handlers.invites import links, manage, organisers
from handlers.invites.views import InviteCb


async def refuse(
    event: Message | CallbackQuery,
    command: CommandObject | None = None,
    callback_answer: CallbackAnswer | None = None,
) -> None:
    """Anyone but an organiser: no invite is made or revoked, nobody is promoted."""
    if callback_answer is not None:
        callback_answer.text = _("Only organisers can revoke invites.")
        callback_answer.show_alert = True
    elif command is not None and command.command == "add_organiser":
        await event.answer(refusal(Role.ORGANISER))
    else:
        await event.answer(_("Only organisers can create or revoke invites."))


def router() -> Router:
    """Before /start: it claims /start with an invite payload."""
    feature = Router(name="invites")
    feature.message.filter(F.chat.type == "private")
    answer_callbacks(feature)
    staff = organisers_only("invites.organisers")
    staff.include_routers(manage.router(), organisers.router())
    refusals = Router(name="invites.refusal")
    refusals.message.register(refuse, Command("invite", "invites", "add_organiser"))
    refusals.callback_query.register(refuse, InviteCb.filter())
    feature.include_routers(links.router(), staff, refusals)
    return feature
