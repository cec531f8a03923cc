"""/press: the press centre menu, accreditation, organisers' decisions, /cancel."""

from __future__ import annotations

import re
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.forms.input import (
    NAME,
    OUTLET,
    ROLE,
    clean,
    clean_contact,
)
from bot.press.accreditation import AccreditationService, ApplyOutcome, DecideOutcome
from bot.press.releases import PressPublishing
from bot.press.values import AccreditationForm, AccreditationStatus
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.access import AccessService, AddOutcome
from bot.users.service import UserService
from bot.users.values import User
from handlers.common.views import show
from handlers.press.callbacks import AccreditCb, Decision, PressMenu, PressMenuCb, decision_keyboard
from handlers.press.common import accepted, contacts_html, not_organiser, refuse
from handlers.press.quotes import AnswerForm, AskForm
from handlers.press.releases import ReleaseForm, SummaryForm
from handlers.press.views import application_card
from handlers.start.menu import publish_chat_commands

SHOWN_APPLICATIONS = 10


class ApplyForm(StatesGroup):
    full_name = State()
    outlet = State()
    role = State()
    contact = State()


async def menu_view(
    user: User,
    accreditation: AccreditationService,
    publishing: PressPublishing,
    agenda: AgendaService,
) -> tuple[str, InlineKeyboardMarkup]:
    latest = await accreditation.latest(user.id)
    organiser = user.is_organiser
    accredited = latest is not None and latest.status is AccreditationStatus.APPROVED
    lines = [_("<b>Press centre</b>"), ""]
    if organiser:
        lines.append(_("You are one of the organisers."))
    if accredited and latest is not None:
        lines.append(
            _("You are accredited: {name}, {outlet}.").format(
                name=escape(latest.form.full_name), outlet=escape(latest.form.outlet)
            )
        )
    elif latest is not None and latest.status is AccreditationStatus.PENDING:
        lines.append(
            _("Your accreditation application No. {number} is being reviewed.").format(
                number=latest.id
            )
        )
    elif not organiser:
        lines.append(
            _(
                "Journalists covering the meeting: apply for accreditation to get press "
                "releases as soon as they are published and to request quotes."
            )
        )
    contacts = contacts_html(await agenda.event(), user.language)
    if contacts:
        lines += ["", _("<b>Press office</b>"), contacts]
    builder = InlineKeyboardBuilder()

    def item(text: str, entry: PressMenu) -> None:
        builder.button(text=text, callback_data=PressMenuCb(item=entry))

    if latest is None or latest.status is AccreditationStatus.REJECTED:
        item(_("🪪 Apply for accreditation"), PressMenu.APPLY)
    item(_("📰 Press releases"), PressMenu.RELEASES)
    item(_("💬 Quote bank"), PressMenu.QUOTES)
    if accredited:
        item(_("❓ Request a quote"), PressMenu.ASK)
        item(_("📋 My requests"), PressMenu.MINE)
    if await publishing.is_subscribed(user.id):
        item(_("🔕 Stop daily summaries"), PressMenu.UNSUBSCRIBE)
    else:
        item(_("🔔 Get daily summaries"), PressMenu.SUBSCRIBE)
    if organiser:
        item(_("📥 Press queue"), PressMenu.QUEUE)
        item(_("🪪 Applications"), PressMenu.APPLICATIONS)
        item(_("📰 Publish a release"), PressMenu.PUBLISH_RELEASE)
        item(_("📝 Publish a summary"), PressMenu.PUBLISH_SUMMARY)
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def router() -> Router:
    router = Router(name="press")
    router.message.filter(F.chat.type == "private")

    @router.message(
        Command("cancel"), StateFilter(ApplyForm, AskForm, AnswerForm, ReleaseForm, SummaryForm)
    )
    async def cancel(message: Message, state: FSMContext) -> None:
        await state.clear()
        await message.answer(_("Cancelled. Nothing was saved. The press centre: /press"))

    @router.message(Command("press"))
    async def press_command(
        message: Message,
        user: User,
        accreditation: AccreditationService,
        publishing: PressPublishing,
        agenda: AgendaService,
    ) -> None:
        text, markup = await menu_view(user, accreditation, publishing, agenda)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(PressMenuCb.filter(F.item == PressMenu.HOME))
    async def press_button(
        callback: CallbackQuery,
        user: User,
        accreditation: AccreditationService,
        publishing: PressPublishing,
        agenda: AgendaService,
    ) -> None:
        text, markup = await menu_view(user, accreditation, publishing, agenda)
        await show(callback, text, markup)
        await callback.answer()

    @router.callback_query(
        PressMenuCb.filter(F.item.in_({PressMenu.SUBSCRIBE, PressMenu.UNSUBSCRIBE}))
    )
    async def subscription(
        callback: CallbackQuery,
        callback_data: PressMenuCb,
        user: User,
        accreditation: AccreditationService,
        publishing: PressPublishing,
        agenda: AgendaService,
    ) -> None:
        wanted = callback_data.item is PressMenu.SUBSCRIBE
        await publishing.subscribe(user.id, wanted)
        text, markup = await menu_view(user, accreditation, publishing, agenda)
        await show(callback, text, markup)
        await callback.answer(
            _("You will get the daily summaries when they are published.")
            if wanted
            else _("You will no longer get the daily summaries.")
        )

    @router.callback_query(PressMenuCb.filter(F.item == PressMenu.APPLY))
    async def apply_button(
        callback: CallbackQuery,
        user: User,
        accreditation: AccreditationService,
        state: FSMContext,
    ) -> None:
        refusal = await accreditation.can_apply(user.id)
        if refusal is ApplyOutcome.PENDING:
            await refuse(callback, _("Your application is already being reviewed."))
            return
        if refusal is ApplyOutcome.ACCREDITED:
            await refuse(callback, _("You are already accredited."))
            return
        await state.clear()
        await state.set_state(ApplyForm.full_name)
        await callback.message.answer(  # type: ignore[union-attr]
            _(
                "<b>Accreditation</b>, step 1 of 4.\nYour full name, as on your press card? "
                "(/cancel stops at any step)"
            )
        )
        await callback.answer()

    @router.message(ApplyForm.full_name)
    async def full_name_step(message: Message, state: FSMContext) -> None:
        value = await accepted(message, lambda text: clean(text, NAME))
        if value is None:
            return
        await state.update_data(full_name=value)
        await state.set_state(ApplyForm.outlet)
        await message.answer(_("Step 2 of 4. Which media outlet do you work for?"))

    @router.message(ApplyForm.outlet)
    async def outlet_step(message: Message, state: FSMContext) -> None:
        value = await accepted(message, lambda text: clean(text, OUTLET))
        if value is None:
            return
        await state.update_data(outlet=value)
        await state.set_state(ApplyForm.role)
        await message.answer(
            _("Step 3 of 4. Your role (e.g. correspondent, photographer, editor)?")
        )

    @router.message(ApplyForm.role)
    async def role_step(message: Message, state: FSMContext) -> None:
        value = await accepted(message, lambda text: clean(text, ROLE))
        if value is None:
            return
        await state.update_data(role=value)
        await state.set_state(ApplyForm.contact)
        await message.answer(_("Step 4 of 4. A phone number or e-mail where we can reach you?"))

    @router.message(ApplyForm.contact)
    async def contact_step(
        message: Message, user: User, state: FSMContext, accreditation: AccreditationService
    ) -> None:
        value = await accepted(message, lambda text: clean_contact(text))
        if value is None:
            return
        data = await state.get_data()
        await state.clear()
        form = AccreditationForm(
            full_name=data["full_name"], outlet=data["outlet"], role=data["role"], contact=value
        )
        outcome = await accreditation.apply(user.id, form)
        if outcome is ApplyOutcome.CREATED:
            await message.answer(
                _(
                    "Thank you! Your application is with the organisers; you will get their "
                    "decision here."
                )
            )
        elif outcome is ApplyOutcome.ACCREDITED:
            await message.answer(_("You are already accredited."))
        else:
            await message.answer(_("Your application is already being reviewed."))

    @router.callback_query(AccreditCb.filter())
    async def decide(
        callback: CallbackQuery,
        callback_data: AccreditCb,
        user: User,
        accreditation: AccreditationService,
    ) -> None:
        approve = callback_data.decision is Decision.APPROVE
        outcome, application = await accreditation.decide(
            callback_data.application, user.id, approve
        )
        if outcome is DecideOutcome.NOT_ALLOWED:
            await refuse(callback, not_organiser())
            return
        if outcome is DecideOutcome.UNKNOWN or application is None:
            await refuse(callback, _("This application does not exist."))
            return
        if outcome is DecideOutcome.ALREADY_DECIDED:
            await refuse(callback, _("This application has already been decided."))
            return
        verdict = _("✅ Approved.") if approve else _("✖ Rejected.")
        await show(callback, application_card(application) + "\n\n" + verdict)
        await callback.answer(verdict)

    async def send_applications(
        message: Message,
        user: User,
        accreditation: AccreditationService,
    ) -> None:
        if not user.is_organiser:
            await message.answer(not_organiser())
            return
        pending = await accreditation.pending()
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

    @router.message(Command("applications"))
    async def applications_command(
        message: Message,
        user: User,
        accreditation: AccreditationService,
    ) -> None:
        await send_applications(message, user, accreditation)

    @router.callback_query(PressMenuCb.filter(F.item == PressMenu.APPLICATIONS))
    async def applications_button(
        callback: CallbackQuery,
        user: User,
        accreditation: AccreditationService,
    ) -> None:
        if not user.is_organiser:
            await refuse(callback, not_organiser())
            return
        await send_applications(callback.message, user, accreditation)  # type: ignore[arg-type]
        await callback.answer()

    @router.message(Command("add_organiser"))
    async def add_organiser(
        message: Message,
        command: CommandObject,
        user: User,
        access: AccessService,
        users: UserService,
        bot: Bot,
        i18n: I18n,
    ) -> None:
        argument = (command.args or "").strip()
        if not re.fullmatch(r"[0-9]{1,20}", argument):
            await message.answer(
                _(
                    "Usage: /add_organiser TELEGRAM_ID — the person's numeric Telegram id "
                    "(they can see it in @userinfobot)."
                )
            )
            return
        outcome = await access.add_organiser(int(argument), user.id)
        added = await users.known(int(argument)) if outcome is AddOutcome.ADDED else None
        if added is not None:
            await publish_chat_commands(bot, i18n, added)
        answers = {
            AddOutcome.NOT_ALLOWED: not_organiser(),
            AddOutcome.ALREADY: _("{id} is already an organiser."),
            AddOutcome.UNKNOWN_USER: _(
                "{id} has not talked to the bot yet: ask them to send /start, then try again."
            ),
            AddOutcome.ADDED: _("{id} is now an organiser."),
        }
        await message.answer(answers[outcome].format(id=argument))

    return router
