"""What the invite screens say, and the revoke buttons (no handlers here)."""

from __future__ import annotations

from enum import StrEnum
from html import escape

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.delegations.values import Delegation
from bot.invites.service import Redeemed
from bot.invites.values import Invite, Redemption
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.access import AddOutcome
from handlers.common.access import role_name
from handlers.common.callbacks import Id

UNLIMITED = "multi"


class InviteAction(StrEnum):
    REVOKE = "revoke"


class InviteCb(CallbackData, prefix="inv"):
    action: InviteAction
    invite: Id


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
    used = ngettext("used {count} time", "used {count} times", invite.uses)
    if invite.max_uses is None:
        return "; ".join((_("any number of people"), used.format(count=invite.uses)))
    if invite.max_uses == 1:
        return _("single use")
    people = ngettext("up to {count} person", "up to {count} people", invite.max_uses)
    return "; ".join((people.format(count=invite.max_uses), used.format(count=invite.uses)))


def invite_line(invite: Invite, link: str, delegation: Delegation | None, language: str) -> str:
    who = role_name(invite.role) if invite.session_id is None else _("questions moderator")
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


def redemption_text(result: Redeemed, language: str) -> str:
    """What opening an invite link did for this user."""
    if result.outcome.gives_role:
        return granted_text(result, language)
    if result.outcome is Redemption.REVOKED:
        return _("This invite link was revoked. Ask the organisers for a new one.")
    if result.outcome is Redemption.USED_UP:
        return _("This invite link has been used already. Ask the organisers for a new one.")
    return _("This invite link is not valid. Check that you copied all of it.")


def granted_text(result: Redeemed, language: str) -> str:
    if result.invite is not None and result.invite.session_id is not None:
        return _("Welcome! You now moderate the questions to a session: open them with /moderate.")
    if result.invite is not None and result.role is not result.invite.role:
        return _("You are an organiser already, so this invite changes nothing.")
    if result.delegation is not None:
        return _("Welcome! You are registered as a delegate of {delegation}.").format(
            delegation=escape(result.delegation.name.get(language))
        )
    return _("Welcome! You are registered as: {role}.").format(role=role_name(result.role))


def add_organiser_usage() -> str:
    return _(
        "Usage: /add_organiser TELEGRAM_ID — the person's numeric Telegram id "
        "(they can see it in @userinfobot)."
    )


def added_text(outcome: AddOutcome, user_id: str) -> str:
    """The answer to /add_organiser; ``user_id`` is the digits as they were sent."""
    answers = {
        AddOutcome.NOT_AN_ID: _("{id} cannot be a Telegram id."),
        AddOutcome.ALREADY: _("{id} is already an organiser."),
        AddOutcome.UNKNOWN_USER: _(
            "{id} has not talked to the bot yet: ask them to send /start, then try again."
        ),
        AddOutcome.ADDED: _("{id} is now an organiser."),
    }
    return answers[outcome].format(id=escape(user_id))
