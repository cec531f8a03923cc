"""Email in chat: a journalist's address and choices (/email), and the organisers'
accreditation of a journalist by email alone (/email_accredit) and advisory push
(/email_advisory). Without SMTP_HOST none of it asks for an address: /email says email is
off, and the accreditation form does not offer the step.
"""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.content.models import LANGUAGES
from bot.email.addresses import BadAddressError, normalised
from bot.email.service import AddressTakenError, EmailDesk
from bot.email.values import ContactForm
from bot.forms.input import NAME, OUTLET, clean
from bot.press.accreditation import AccreditationService
from bot.users.values import Role, User
from handlers.common.access import organisers_only, refusal
from handlers.common.callbacks import answer_callbacks
from handlers.common.forms import Form, Step, StepRejectedError, Values, parser, prompt
from handlers.email.callbacks import EmailAction, EmailCb, choices_keyboard, give_keyboard
from handlers.email.views import address_problem, consent, contact_card, taken

SKIP = "/skip"


class AddressForm(StatesGroup):
    address = State()


class AccreditByEmail(StatesGroup):
    full_name = State()
    outlet = State()
    address = State()
    language = State()


def checked_address(text: str | None) -> str | None:
    """The address, or None for /skip; a bad one is refused with what to send instead."""
    value = (text or "").strip()
    if value == SKIP:
        return None
    try:
        return normalised(value)
    except BadAddressError as error:
        raise StepRejectedError(address_problem()) from error


def checked_language(text: str | None) -> str:
    value = (text or "").strip().lower()
    aliases = {"ru": "ru", "рус": "ru", "русский": "ru", "en": "en", "english": "en"}
    if aliases.get(value) not in LANGUAGES:
        raise StepRejectedError(_("Send ru or en."))
    return aliases[value]


async def save_own_address(message: Message, values: Values, data: dict[str, Any]) -> None:
    desk: EmailDesk = data["email_desk"]
    user: User = data["user"]
    if values["address"] is None:
        await message.answer(_("No email, then. You can give an address later: /email"))
        return
    form = ContactForm(values["full_name"], values["outlet"], values["address"], user.language)
    try:
        contact = await desk.give_address(user, form)
    except AddressTakenError:
        await message.answer(taken())
        return
    await message.answer(contact_card(contact), reply_markup=choices_keyboard(contact))


address_form = Form(
    "email_address",
    [
        Step(
            AddressForm.address,
            prompt(lambda: _("Your email address, or /skip?")),
            "address",
            parser(checked_address),
        )
    ],
    finish=save_own_address,
    cancelled=lambda: _("Cancelled. Nothing was saved."),
)


async def offer_address(message: Message, data: dict[str, Any]) -> None:
    """After a chat accreditation form: what an address is for, and a button to give one
    (it stays optional), if email is on."""
    desk: EmailDesk | None = data.get("email_desk")
    if desk is not None and desk.enabled:
        await message.answer(consent(), reply_markup=give_keyboard())


async def accredit(message: Message, values: Values, data: dict[str, Any]) -> None:
    desk: EmailDesk = data["email_desk"]
    form = ContactForm(values["full_name"], values["outlet"], values["address"], values["language"])
    try:
        contact = await desk.accredit(data["user"], form)
    except AddressTakenError:
        await message.answer(taken())
        return
    await message.answer(
        _("✅ Accredited by email. The media advisory is on its way to them.")
        + "\n\n"
        + contact_card(contact)
    )


def required_address(text: str | None) -> str:
    address = checked_address(text)
    if address is None:
        raise StepRejectedError(address_problem())
    return address


accredit_form = Form(
    "email_accredit",
    [
        Step(
            AccreditByEmail.full_name,
            prompt(
                lambda: _(
                    "<b>Accreditation by email</b>, step 1 of 4: for a journalist without "
                    "Telegram. Their full name? (/cancel stops)"
                )
            ),
            "full_name",
            parser(lambda text: clean(text, NAME)),
        ),
        Step(
            AccreditByEmail.outlet,
            prompt(lambda: _("Step 2 of 4. Their media outlet?")),
            "outlet",
            parser(lambda text: clean(text, OUTLET)),
        ),
        Step(
            AccreditByEmail.address,
            prompt(lambda: _("Step 3 of 4. Their email address?")),
            "address",
            parser(required_address),
        ),
        Step(
            AccreditByEmail.language,
            prompt(lambda: _("Step 4 of 4. The language they read: ru or en?")),
            "language",
            parser(checked_language),
        ),
    ],
    finish=accredit,
    cancelled=lambda: _("Cancelled. Nothing was saved."),
)


async def email_command(message: Message, user: User, email_desk: EmailDesk) -> None:
    if not email_desk.enabled:
        await message.answer(_("The press office does not send email at this event."))
        return
    contact = await email_desk.mine(user)
    if contact is None:
        await message.answer(
            consent() + "\n\n" + _("To give an address, apply for accreditation in /press.")
        )
        return
    await message.answer(contact_card(contact), reply_markup=choices_keyboard(contact))


async def choice_button(
    callback: CallbackQuery,
    callback_data: EmailCb,
    callback_answer: CallbackAnswer,
    user: User,
    email_desk: EmailDesk,
    state: FSMContext,
) -> None:
    assert isinstance(callback.message, Message)
    contact = await email_desk.mine(user)
    if contact is None or not email_desk.enabled:
        callback_answer.text = _("You have not given an email address.")
        return
    if callback_data.action is EmailAction.ADDRESS:
        await address_form.begin(
            callback.message, state, {}, full_name=contact.full_name, outlet=contact.outlet
        )
        return
    assert callback_data.topic is not None
    updated = await email_desk.choose(
        user, callback_data.topic, callback_data.action is EmailAction.ON
    )
    if updated is not None:
        await callback.message.edit_reply_markup(reply_markup=choices_keyboard(updated))


async def give_button(
    callback: CallbackQuery,
    user: User,
    email_desk: EmailDesk,
    accreditation: AccreditationService,
    state: FSMContext,
) -> None:
    """«Give an email address», offered after the accreditation form: the name and outlet
    come from the application."""
    assert isinstance(callback.message, Message)
    if not email_desk.enabled:
        return
    latest = await accreditation.latest(user.id)
    name, outlet = (latest.form.full_name, latest.form.outlet) if latest else (user.first_name, "—")
    await address_form.begin(callback.message, state, {}, full_name=name, outlet=outlet)


async def accredit_command(message: Message, state: FSMContext, email_desk: EmailDesk) -> None:
    if not email_desk.enabled:
        await message.answer(_("The press office does not send email at this event."))
        return
    await accredit_form.begin(message, state, {})


async def advisory_command(message: Message, user: User, email_desk: EmailDesk) -> None:
    if not email_desk.enabled:
        await message.answer(_("The press office does not send email at this event."))
        return
    queued = await email_desk.push_advisory(user)
    await message.answer(
        _("The media advisory goes by email. Recipients: {count}").format(count=queued)
    )


async def refuse_command(message: Message) -> None:
    await message.answer(refusal(Role.ORGANISER))


def router() -> Router:
    chat = Router(name="email")
    chat.message.filter(F.chat.type == "private")
    organisers = organisers_only("email_organisers")
    organisers.message.register(accredit_command, Command("email_accredit"))
    organisers.message.register(advisory_command, Command("email_advisory"))
    accredit_form.register(organisers)
    chat.message.register(email_command, Command("email"))
    chat.callback_query.register(give_button, EmailCb.filter(F.action == EmailAction.GIVE))
    chat.callback_query.register(choice_button, EmailCb.filter())
    address_form.register(chat)
    refusals = Router(name="email_refusals")
    refusals.message.register(refuse_command, Command("email_accredit", "email_advisory"))
    chat.include_routers(organisers, refusals)
    answer_callbacks(chat)
    return chat
