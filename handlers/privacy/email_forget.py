"""/email_forget ADDRESS: an organiser erases a journalist known by email alone, on their
request (they wrote from that address). Asks once, naming whom; the service checks the
organiser again and refuses a journalist who uses Telegram (they erase with /forget)."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.privacy.service import PrivacyService
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import Role, User
from handlers.common.access import organisers_only, refusal
from handlers.common.views import show


class EmailForgetCb(CallbackData, prefix="pve"):
    contact: int
    erase: bool


def confirm_keyboard(contact_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("🗑 Yes, erase"), callback_data=EmailForgetCb(contact=contact_id, erase=True)
    )
    builder.button(
        text=_("Keep their data"), callback_data=EmailForgetCb(contact=contact_id, erase=False)
    )
    builder.adjust(1)
    return builder.as_markup()


async def email_forget(
    message: Message, command: CommandObject, user: User, privacy: PrivacyService
) -> None:
    if not command.args:
        await message.answer(
            _(
                "Send /email_forget with the address, e.g. /email_forget name@example.org: "
                "it erases a journalist known by email alone, on their request."
            )
        )
        return
    contact = await privacy.email_contact(user, command.args)
    if contact is None:
        await message.answer(_("No journalist by email has this address. Nothing was erased."))
        return
    if contact.user_id is not None:
        await message.answer(uses_telegram())
        return
    text = _(
        "<b>Erase {name} ({outlet}), {address}?</b>\n\n"
        "Their address, what was sent to it and the questions filed for them go at once "
        "and cannot be brought back. Published releases stay."
    ).format(
        name=escape(contact.full_name),
        outlet=escape(contact.outlet),
        address=escape(contact.address),
    )
    await message.answer(text, reply_markup=confirm_keyboard(contact.id))


def uses_telegram() -> str:
    return _("This journalist uses Telegram: they erase their own data with /forget.")


async def email_forget_answer(
    callback: CallbackQuery, callback_data: EmailForgetCb, user: User, privacy: PrivacyService
) -> None:
    if not callback_data.erase:
        await show(callback, _("Nothing was erased."))
        return
    try:
        await privacy.erase_contact(user, callback_data.contact)
    except LookupError:
        await show(callback, _("No journalist by email has this address. Nothing was erased."))
        return
    except ValueError:
        await show(callback, uses_telegram())
        return
    await show(callback, _("Erased: the address and everything kept for it."))


async def refuse(message: Message) -> None:
    await message.answer(refusal(Role.ORGANISER))


def setup(router: Router) -> None:
    organisers = organisers_only("privacy_email_organisers")
    organisers.message.register(email_forget, Command("email_forget"))
    organisers.callback_query.register(email_forget_answer, EmailForgetCb.filter())
    refusals = Router(name="privacy_email_refusals")
    refusals.message.register(refuse, Command("email_forget"))
    router.include_routers(organisers, refusals)
