"""Accreditation: a journalist's application form, and the organisers' decisions."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.forms.input import NAME, OUTLET, ROLE, clean, clean_contact
from bot.press.accreditation import AccreditationService, ApplyOutcome, DecideOutcome
from bot.press.values import AccreditationForm
from bot.users.values import User
from handlers.common.forms import Form, Step, Values, parser, prompt
from handlers.common.views import show
from handlers.email.chat import offer_address
from handlers.press.callbacks import AccreditCb, Decision, PressMenu, PressMenuCb, decision_keyboard
from handlers.press.common import alert, cancelled
from handlers.press.views import application_card

SHOWN_APPLICATIONS = 10


class ApplyForm(StatesGroup):
    """The state names are stored: an application under way survives an upgrade."""

    full_name = State()
    outlet = State()
    role = State()
    contact = State()


async def submit_application(message: Message, values: Values, data: dict[str, Any]) -> None:
    accreditation: AccreditationService = data["accreditation"]
    form = AccreditationForm(
        full_name=values["full_name"],
        outlet=values["outlet"],
        role=values["role"],
        contact=values["contact"],
    )
    outcome = await accreditation.apply(data["user"], form)
    if outcome is ApplyOutcome.CREATED:
        await message.answer(
            _(
                "Thank you! Your application is with the organisers; you will get their "
                "decision here."
            )
        )
        await offer_address(message, data)
    elif outcome is ApplyOutcome.ACCREDITED:
        await message.answer(_("You are already accredited."))
    else:
        await message.answer(_("Your application is already being reviewed."))


apply_form = Form(
    "apply",
    [
        Step(
            ApplyForm.full_name,
            prompt(
                lambda: _(
                    "<b>Accreditation</b>, step 1 of 4.\nYour full name, as on your press card? "
                    "(/cancel stops at any step)"
                )
            ),
            "full_name",
            parser(lambda text: clean(text, NAME)),
        ),
        Step(
            ApplyForm.outlet,
            prompt(lambda: _("Step 2 of 4. Which media outlet do you work for?")),
            "outlet",
            parser(lambda text: clean(text, OUTLET)),
        ),
        Step(
            ApplyForm.role,
            prompt(lambda: _("Step 3 of 4. Your role (e.g. correspondent, photographer, editor)?")),
            "role",
            parser(lambda text: clean(text, ROLE)),
        ),
        Step(
            ApplyForm.contact,
            prompt(lambda: _("Step 4 of 4. A phone number or e-mail where we can reach you?")),
            "contact",
            parser(clean_contact),
        ),
    ],
    finish=submit_application,
    cancelled=cancelled,
)


async def apply_button(
    callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    user: User,
    accreditation: AccreditationService,
    state: FSMContext,
) -> None:
    refusal = await accreditation.can_apply(user.id)
    if refusal is ApplyOutcome.PENDING:
        alert(callback_answer, _("Your application is already being reviewed."))
    elif refusal is ApplyOutcome.ACCREDITED:
        alert(callback_answer, _("You are already accredited."))
    else:
        assert isinstance(callback.message, Message)
        await apply_form.begin(callback.message, state, {})


async def decide(
    callback: CallbackQuery,
    callback_data: AccreditCb,
    callback_answer: CallbackAnswer,
    user: User,
    accreditation: AccreditationService,
) -> None:
    approve = callback_data.decision is Decision.APPROVE
    outcome, application = await accreditation.decide(user, callback_data.application, approve)
    if outcome is DecideOutcome.UNKNOWN or application is None:
        alert(callback_answer, _("This application does not exist."))
    elif outcome is DecideOutcome.ALREADY_DECIDED:
        alert(callback_answer, _("This application has already been decided."))
    else:
        verdict = _("✅ Approved.") if approve else _("✖ Rejected.")
        await show(callback, application_card(application) + "\n\n" + verdict)
        callback_answer.text = verdict


async def send_applications(
    message: Message, user: User, accreditation: AccreditationService
) -> None:
    pending = await accreditation.pending(user)
    if not pending:
        await message.answer(_("No applications are waiting."))
        return
    await message.answer(
        _("Applications waiting for a decision: {count}.").format(count=len(pending))
    )
    for application in pending[:SHOWN_APPLICATIONS]:
        await message.answer(
            application_card(application), reply_markup=decision_keyboard(application.id)
        )


async def applications_command(
    message: Message, user: User, accreditation: AccreditationService
) -> None:
    await send_applications(message, user, accreditation)


async def applications_button(
    callback: CallbackQuery, user: User, accreditation: AccreditationService
) -> None:
    assert isinstance(callback.message, Message)
    await send_applications(callback.message, user, accreditation)


def setup(public: Router, organisers: Router) -> None:
    public.callback_query.register(apply_button, PressMenuCb.filter(F.item == PressMenu.APPLY))
    apply_form.register(public)
    organisers.callback_query.register(decide, AccreditCb.filter())
    organisers.message.register(applications_command, Command("applications"))
    organisers.callback_query.register(
        applications_button, PressMenuCb.filter(F.item == PressMenu.APPLICATIONS)
    )
