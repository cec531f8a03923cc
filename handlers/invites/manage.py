"""/invite, /invites and the revoke buttons: the organisers' side of invite links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.deep_linking import create_start_link
from aiogram.utils.i18n import gettext as _

from bot.delegations.service import DelegationService
from bot.invites.service import MAX_USES, InviteService
from bot.telegram.html import paginate, shorten
from bot.users.values import Role, User
from handlers.common.views import show
from handlers.invites.views import (
    UNLIMITED,
    InviteAction,
    InviteCb,
    invite_line,
    revoke_markup,
    usage,
)

INVITABLE = {"delegate": Role.DELEGATE, "press": Role.PRESS, "organiser": Role.ORGANISER}
LISTED = 20  # revoke buttons under /invites


@dataclass(frozen=True, slots=True)
class Request:
    """The words of ``/invite``: a role, a delegate's delegation key, the number of uses."""

    role: Role
    delegation_key: str | None
    uses: str | None


def parse_request(args: str | None) -> Request | None:
    """None when the words do not make an invite request (the usage is shown then)."""
    words = (args or "").split()
    role = INVITABLE.get(words[0].lower()) if words else None
    if role is None or len(words) > 3:
        return None
    rest, key = words[1:], None
    if role is Role.DELEGATE:
        if not rest:
            return None
        key, rest = rest[0], rest[1:]
    if len(rest) > 1:
        return None
    return Request(role, key, rest[0] if rest else None)


def parse_uses(word: str | None) -> int | str | None:
    """1 when absent, None for any number, the number given, or the word if it is wrong."""
    if word is None:
        return 1
    if word.lower() == UNLIMITED:
        return None
    if re.fullmatch(r"[0-9]{1,6}", word) and 1 <= int(word) <= MAX_USES:
        return int(word)
    return word


async def open_invites_view(
    user: User, invites: InviteService, delegations: DelegationService, bot: Bot
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The invites that still work, newest first, each with its link and a revoke button."""
    usable = (await invites.usable(user))[:LISTED]
    if not usable:
        return _("No open invites. Create one with /invite."), None
    by_id = {d.id: d for d in (await delegations.participants()).ordered()}
    blocks = [_("<b>Open invites</b>")]
    for number, item in enumerate(usable, start=1):
        link = await create_start_link(bot, InviteService.payload(item))
        delegation = by_id.get(item.delegation_id) if item.delegation_id else None
        blocks.append(f"{number}. " + invite_line(item, link, delegation, user.language))
    return paginate(blocks, limit=3900, separator="\n\n")[0], revoke_markup(usable)


async def invite(
    message: Message,
    command: CommandObject,
    user: User,
    invites: InviteService,
    delegations: DelegationService,
    bot: Bot,
) -> None:
    request = parse_request(command.args)
    if request is None:
        everyone = list((await delegations.participants()).ordered())
        await message.answer(paginate([usage(everyone, user.language)])[0])
        return
    delegation = None
    if request.delegation_key is not None:
        delegation = await invites.delegation_by_key(request.delegation_key.lower())
        if delegation is None:
            await message.answer(
                _("There is no delegation {key}. Send /invite to see the list.").format(
                    key=escape(shorten(request.delegation_key, 40))
                )
            )
            return
    uses = parse_uses(request.uses)
    if isinstance(uses, str):
        await message.answer(
            _("“{word}” is not a number of uses: give 1 to {limit}, or {unlimited}.").format(
                word=escape(shorten(uses, 20)), limit=MAX_USES, unlimited=UNLIMITED
            )
        )
        return
    created = await invites.create(user, request.role, delegation, uses)
    link = await create_start_link(bot, invites.payload(created))
    await message.answer(
        _("New invite:\n{invite}\n\nSend the link to the person; /invites lists open ones.").format(
            invite=invite_line(created, link, delegation, user.language)
        ),
        reply_markup=revoke_markup([created]),
    )


async def open_invites(
    message: Message,
    user: User,
    invites: InviteService,
    delegations: DelegationService,
    bot: Bot,
) -> None:
    text, markup = await open_invites_view(user, invites, delegations, bot)
    await message.answer(text, reply_markup=markup)


async def revoke(
    callback: CallbackQuery,
    callback_data: InviteCb,
    callback_answer: CallbackAnswer,
    user: User,
    *,
    invites: InviteService,
    delegations: DelegationService,
    bot: Bot,
) -> None:
    if not await invites.revoke(user, callback_data.invite):
        callback_answer.text = _("This invite is unknown or revoked already.")
        callback_answer.show_alert = True
        return
    text, markup = await open_invites_view(user, invites, delegations, bot)
    await show(callback, _("Invite revoked: the link no longer works.") + "\n\n" + text, markup)


def router() -> Router:
    router = Router(name="invites.manage")
    router.message.register(invite, Command("invite"))
    router.message.register(open_invites, Command("invites"))
    router.callback_query.register(revoke, InviteCb.filter(F.action == InviteAction.REVOKE))
    return router
