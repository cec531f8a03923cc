"""/invite, /invites and the invite deep links (``/start inv_<token>``)."""

from __future__ import annotations

import re
from dataclasses import replace
from enum import StrEnum
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.deep_linking import create_start_link
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.delegations.service import DelegationService
from bot.delegations.values import Delegation
from bot.invites.repository import Redemption
from bot.invites.service import MAX_USES, PAYLOAD_PREFIX, InviteService
from bot.invites.values import Invite
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import Role, User
from handlers.common.access import IsOrganiser, role_name
from handlers.common.views import show
from handlers.start.menu import greeting, main_menu, publish_chat_commands

INVITABLE = {"delegate": Role.DELEGATE, "press": Role.PRESS, "organiser": Role.ORGANISER}
UNLIMITED = "multi"
LISTED = 20  # revoke buttons under /invites


class InviteAction(StrEnum):
    REVOKE = "revoke"


class InviteCb(CallbackData, prefix="inv"):
    action: InviteAction
    invite: int


def usage(delegations: list[Delegation], language: str) -> str:
    keys = "\n".join(
        f"• <code>{escape(d.key)}</code> — {escape(d.name.get(language))}" for d in delegations
    )
    return _(
        "<b>How to invite</b>\n"
        "/invite press — a link for one journalist\n"
        "/invite organiser — a link for one organiser\n"
        "/invite delegate <i>delegation</i> — a link for one member of a delegation\n\n"
        "Add a number for a link several people can use (/invite press 20), or "
        "<code>{unlimited}</code> for any number of people.\n\n"
        "Delegations:\n{keys}"
    ).format(unlimited=UNLIMITED, keys=keys)


def uses_text(invite: Invite) -> str:
    if invite.max_uses is None:
        return _("any number of people; used {uses} times").format(uses=invite.uses)
    if invite.max_uses == 1:
        return _("single use")
    return _("up to {limit} people; used {uses} times").format(
        limit=invite.max_uses, uses=invite.uses
    )


def invite_line(invite: Invite, link: str, delegation: Delegation | None, language: str) -> str:
    who = role_name(invite.role)
    if delegation is not None:
        who += f" — {escape(delegation.name.get(language))}"
    return f"<b>{who}</b> ({uses_text(invite)})\n{escape(link)}"


def revoke_markup(invites: list[Invite]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for number, invite in enumerate(invites, start=1):
        builder.button(
            text=_("Revoke #{number}").format(number=number) if len(invites) > 1 else _("Revoke"),
            callback_data=InviteCb(action=InviteAction.REVOKE, invite=invite.id),
        )
    builder.adjust(3)
    return builder.as_markup()


async def open_invites_view(
    invites: InviteService, delegations: DelegationService, bot: Bot, language: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The invites that still work, newest first, each with its link and a revoke button."""
    usable = (await invites.usable())[:LISTED]
    if not usable:
        return _("No open invites. Create one with /invite."), None
    by_id = {d.id: d for d in (await delegations.participants()).ordered()}
    blocks = [_("<b>Open invites</b>")]
    for number, item in enumerate(usable, start=1):
        link = await create_start_link(bot, InviteService.payload(item))
        delegation = by_id.get(item.delegation_id) if item.delegation_id else None
        blocks.append(f"{number}. " + invite_line(item, link, delegation, language))
    return paginate(blocks, limit=3900, separator="\n\n")[0], revoke_markup(usable)


def parse_uses(word: str | None) -> int | str | None:
    """1 when absent, None for any number, the number given, or the word if it is wrong."""
    if word is None:
        return 1
    if word.lower() == UNLIMITED:
        return None
    if re.fullmatch(r"[0-9]{1,6}", word) and 1 <= int(word) <= MAX_USES:
        return int(word)
    return word


def router() -> Router:
    router = Router(name="invites")
    router.message.filter(F.chat.type == "private")

    @router.message(CommandStart(deep_link=True, magic=F.args.startswith(PAYLOAD_PREFIX)))
    async def redeem(
        message: Message,
        command: CommandObject,
        user: User,
        invites: InviteService,
        agenda: AgendaService,
        bot: Bot,
        i18n: I18n,
    ) -> None:
        result = await invites.redeem(command.args or "", user.id)
        if result.role is Role.ORGANISER and not user.is_organiser:
            await publish_chat_commands(bot, i18n, replace(user, role=Role.ORGANISER))
        if result.outcome in (Redemption.GRANTED, Redemption.ALREADY_USED_BY_THEM):
            if result.invite is not None and result.role is not result.invite.role:
                text = _("You are an organiser already, so this invite changes nothing.")
            elif result.delegation is not None:
                text = _("Welcome! You are registered as a delegate of {delegation}.").format(
                    delegation=escape(result.delegation.name.get(user.language))
                )
            else:
                text = _("Welcome! You are registered as: {role}.").format(
                    role=role_name(result.role)
                )
        elif result.outcome is Redemption.REVOKED:
            text = _("This invite link was revoked. Ask the organisers for a new one.")
        elif result.outcome is Redemption.USED_UP:
            text = _("This invite link has been used already. Ask the organisers for a new one.")
        else:
            text = _("This invite link is not valid. Check that you copied all of it.")
        await message.answer(text)
        await message.answer(await greeting(user, agenda), reply_markup=main_menu())

    @router.message(Command("invite"), IsOrganiser())
    async def invite(
        message: Message,
        command: CommandObject,
        user: User,
        invites: InviteService,
        delegations: DelegationService,
        bot: Bot,
    ) -> None:
        words = (command.args or "").split()
        role = INVITABLE.get(words[0].lower()) if words else None
        everyone = list((await delegations.participants()).ordered())
        if role is None or len(words) > 3:
            await message.answer(paginate([usage(everyone, user.language)])[0])
            return
        delegation = None
        rest = words[1:]
        if role is Role.DELEGATE:
            if not rest:
                await message.answer(paginate([usage(everyone, user.language)])[0])
                return
            delegation = await invites.delegation_by_key(rest[0].lower())
            if delegation is None:
                await message.answer(
                    _("There is no delegation {key}. Send /invite to see the list.").format(
                        key=escape(shorten(rest[0], 40))
                    )
                )
                return
            rest = rest[1:]
        if len(rest) > 1:
            await message.answer(paginate([usage(everyone, user.language)])[0])
            return
        uses = parse_uses(rest[0] if rest else None)
        if isinstance(uses, str):
            await message.answer(
                _("“{word}” is not a number of uses: give 1 to {limit}, or {unlimited}.").format(
                    word=escape(shorten(uses, 20)), limit=MAX_USES, unlimited=UNLIMITED
                )
            )
            return
        created = await invites.create(role, delegation, uses, user.id)
        link = await create_start_link(bot, invites.payload(created))
        await message.answer(
            _(
                "New invite:\n{invite}\n\nSend the link to the person; /invites lists open ones."
            ).format(invite=invite_line(created, link, delegation, user.language)),
            reply_markup=revoke_markup([created]),
        )

    @router.message(Command("invites"), IsOrganiser())
    async def open_invites(
        message: Message,
        user: User,
        invites: InviteService,
        delegations: DelegationService,
        bot: Bot,
    ) -> None:
        text, markup = await open_invites_view(invites, delegations, bot, user.language)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(InviteCb.filter(F.action == InviteAction.REVOKE), IsOrganiser())
    async def revoke(
        callback: CallbackQuery,
        callback_data: InviteCb,
        user: User,
        invites: InviteService,
        delegations: DelegationService,
        bot: Bot,
    ) -> None:
        if not await invites.revoke(callback_data.invite):
            await callback.answer(_("This invite is unknown or revoked already."), show_alert=True)
            return
        text, markup = await open_invites_view(invites, delegations, bot, user.language)
        await show(callback, _("Invite revoked: the link no longer works.") + "\n\n" + text, markup)
        await callback.answer()

    @router.message(Command("invite", "invites"))
    async def refuse(message: Message) -> None:
        await message.answer(_("Only organisers can create or revoke invites."))

    @router.callback_query(InviteCb.filter())
    async def refuse_button(callback: CallbackQuery) -> None:
        await callback.answer(_("Only organisers can revoke invites."), show_alert=True)

    return router
