"""Quote bank, quote requests (/ask, /requests) and the organisers' press queue (/queue)."""

from __future__ import annotations

import datetime as dt
from html import escape

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.content.models import Event
from bot.forms.input import (
    ANSWER,
    QUESTION,
    REASON,
    clean,
    parse_moment,
)
from bot.press.accreditation import AccreditationService
from bot.press.quote_bank import QuoteBankService, QuoteGroup
from bot.press.quote_requests import (
    LONGEST_DEADLINE,
    SHORTEST_DEADLINE,
    Outcome,
    QuoteRequestService,
    deadline_allowed,
)
from bot.press.values import BankQuote, QuoteRequest, RequestStatus, TargetKind
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.views import show
from handlers.press.callbacks import (
    AnswerMode,
    AnswerModeCb,
    AskTargetCb,
    DeadlineCb,
    PressMenu,
    PressMenuCb,
    QueueCb,
    QuoteBankCb,
    QuoteView,
    RequestAction,
    TargetPick,
)
from handlers.press.common import accepted, not_organiser, refuse, use_buttons
from handlers.press.views import moment, request_card, status_label

DEADLINE_HOURS = (1, 3, 6, 24)
SHOWN_REQUESTS = 20


class AskForm(StatesGroup):
    target = State()
    question = State()
    deadline = State()


class AnswerForm(StatesGroup):
    text = State()
    mode = State()
    reason = State()


# ------------------------------------------------------------------------ quote bank


def bank_home() -> tuple[str, InlineKeyboardMarkup]:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("By speaker"), callback_data=QuoteBankCb(view=QuoteView.SPEAKERS))
    builder.button(text=_("By delegation"), callback_data=QuoteBankCb(view=QuoteView.DELEGATIONS))
    builder.button(text=_("« Press centre"), callback_data=PressMenuCb(item=PressMenu.HOME))
    builder.adjust(2, 1)
    text = _("<b>Quote bank</b>\nQuotes released for the press, ready to paste with the speaker.")
    return text, builder.as_markup()


def groups_view(
    groups: list[QuoteGroup], view: QuoteView, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    one = QuoteView.SPEAKER if view is QuoteView.SPEAKERS else QuoteView.DELEGATION
    builder = InlineKeyboardBuilder()
    for group in groups:
        builder.button(
            text=f"{shorten(group.label.get(language), 55)} ({len(group.quotes)})",
            callback_data=QuoteBankCb(view=one, key=group.key),
        )
    builder.button(text=_("« Quote bank"), callback_data=PressMenuCb(item=PressMenu.QUOTES))
    builder.adjust(1)
    text = _("<b>Quote bank</b> — choose:") if groups else _("The quote bank is empty so far.")
    return text, builder.as_markup()


def quote_block(quote: BankQuote, language: str) -> str:
    """«…» — Name, role, organisation (date; source): what a journalist pastes."""
    attribution = [quote.speaker.get(language), quote.role.get(language)]
    if quote.organisation is not None:
        organisation = quote.organisation.get(language)
        if organisation.lower() not in quote.role.get(language).lower():
            attribution.append(organisation)
    source = f"{quote.said_on:%d.%m.%Y}; {quote.source.get(language)}"
    return (
        f"«{escape(quote.text.get(language))}»\n"
        f"— <b>{escape(', '.join(attribution))}</b>\n<i>{escape(source)}</i>"
    )


# ------------------------------------------------------------------------ requests


def deadline_flag(request: QuoteRequest, now: dt.datetime, near: bool) -> str:
    if request.deadline <= now:
        return " " + _("⏰ overdue")
    return " " + _("⚠️ due soon") if near else ""


def target_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("A speaker"), callback_data=AskTargetCb(pick=TargetPick.LIST_PEOPLE))
    builder.button(
        text=_("A delegation"), callback_data=AskTargetCb(pick=TargetPick.LIST_DELEGATIONS)
    )
    builder.button(text=_("The organisers"), callback_data=AskTargetCb(pick=TargetPick.ORGANISERS))
    builder.adjust(1)
    return builder.as_markup()


def deadline_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for hours in DEADLINE_HOURS:
        builder.button(
            text=_("in {hours} h").format(hours=hours), callback_data=DeadlineCb(hours=hours)
        )
    builder.adjust(len(DEADLINE_HOURS))
    return builder.as_markup()


def queue_view(
    requests: list[QuoteRequest], quote_requests: QuoteRequestService, event: Event, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    now = quote_requests.now()
    lines = [_("<b>Press queue</b>: open requests, oldest first"), ""]
    if not requests:
        lines.append(_("No open requests."))
    builder = InlineKeyboardBuilder()
    for request in requests[:SHOWN_REQUESTS]:
        flag = deadline_flag(request, now, quote_requests.near_deadline(request))
        lines.append(
            _("No. {number} · {status} · to {target} · by {time}").format(
                number=request.id,
                status=status_label(request.status),
                target=escape(request.target_label.get(language)),
                time=escape(moment(request.deadline, event, language)),
            )
            + flag
        )
        builder.button(
            text=_("No. {number} · {question}").format(
                number=request.id, question=shorten(request.question, 40)
            ),
            callback_data=QueueCb(action=RequestAction.OPEN, request=request.id),
        )
    if len(requests) > SHOWN_REQUESTS:
        lines.append(_("… and {count} more.").format(count=len(requests) - SHOWN_REQUESTS))
    builder.adjust(1)
    return paginate(lines)[0], builder.as_markup()


def request_view(
    request: QuoteRequest, near: bool, now: dt.datetime, event: Event, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    text = request_card(request, event, language)
    if request.status.open:
        text += deadline_flag(request, now, near)
    builder = InlineKeyboardBuilder()
    if request.status is RequestStatus.NEW:
        builder.button(
            text=_("🙋 Take"), callback_data=QueueCb(action=RequestAction.TAKE, request=request.id)
        )
    if request.status.open:
        builder.button(
            text=_("💬 Answer"),
            callback_data=QueueCb(action=RequestAction.ANSWER, request=request.id),
        )
        builder.button(
            text=_("✖ Decline"),
            callback_data=QueueCb(action=RequestAction.DECLINE, request=request.id),
        )
    builder.button(text=_("« Press queue"), callback_data=PressMenuCb(item=PressMenu.QUEUE))
    builder.adjust(1)
    return text, builder.as_markup()


def refusal_text(outcome: Outcome) -> str:
    texts = {
        Outcome.NOT_ALLOWED: not_organiser(),
        Outcome.UNKNOWN: _("This request does not exist."),
        Outcome.CLOSED: _("This request has already been answered or declined."),
        Outcome.TAKEN: _("Someone has already taken this request."),
        Outcome.NOT_FOR_BANK: _("Only an answer from a speaker can go into the quote bank."),
    }
    return texts[outcome]


def router() -> Router:
    router = Router(name="press_quotes")

    # ------------------------------------------------------------------ quote bank

    @router.message(Command("quotes"), F.chat.type == "private")
    async def quotes_command(message: Message) -> None:
        text, markup = bank_home()
        await message.answer(text, reply_markup=markup)

    @router.callback_query(PressMenuCb.filter(F.item == PressMenu.QUOTES))
    async def quotes_button(callback: CallbackQuery) -> None:
        text, markup = bank_home()
        await show(callback, text, markup)
        await callback.answer()

    @router.callback_query(QuoteBankCb.filter())
    async def bank_view(
        callback: CallbackQuery,
        callback_data: QuoteBankCb,
        user: User,
        quote_bank: QuoteBankService,
    ) -> None:
        by_speaker = callback_data.view in {QuoteView.SPEAKERS, QuoteView.SPEAKER}
        groups = await (quote_bank.by_speaker() if by_speaker else quote_bank.by_delegation())
        if callback_data.view in {QuoteView.SPEAKERS, QuoteView.DELEGATIONS}:
            text, markup = groups_view(groups, callback_data.view, user.language)
            await show(callback, text, markup)
            await callback.answer()
            return
        group = next((g for g in groups if g.key == callback_data.key), None)
        if group is None:
            await refuse(callback, _("There are no quotes for this choice any more."))
            return
        back = QuoteView.SPEAKERS if by_speaker else QuoteView.DELEGATIONS
        builder = InlineKeyboardBuilder()
        builder.button(text=_("« Back"), callback_data=QuoteBankCb(view=back))
        blocks = [f"<b>{escape(group.label.get(user.language))}</b>"]
        blocks += [quote_block(quote, user.language) for quote in group.quotes]
        await show(callback, paginate(blocks, separator="\n\n")[0], builder.as_markup())
        await callback.answer()

    # ------------------------------------------------------------------ asking

    async def start_ask(
        user: User, accreditation: AccreditationService, state: FSMContext
    ) -> tuple[str, InlineKeyboardMarkup | None]:
        if not await accreditation.is_accredited(user.id):
            return _("Only accredited journalists can request quotes. Apply in /press."), None
        await state.clear()
        await state.set_state(AskForm.target)
        text = _("<b>Quote request</b>, step 1 of 3. Whom do you want a quote from? (/cancel)")
        return text, target_keyboard()

    @router.message(Command("ask"), F.chat.type == "private")
    async def ask_command(
        message: Message, user: User, accreditation: AccreditationService, state: FSMContext
    ) -> None:
        text, markup = await start_ask(user, accreditation, state)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(PressMenuCb.filter(F.item == PressMenu.ASK))
    async def ask_button(
        callback: CallbackQuery, user: User, accreditation: AccreditationService, state: FSMContext
    ) -> None:
        if not await accreditation.is_accredited(user.id):
            await refuse(
                callback, _("Only accredited journalists can request quotes. Apply in /press.")
            )
            return
        text, markup = await start_ask(user, accreditation, state)
        await callback.message.answer(text, reply_markup=markup)  # type: ignore[union-attr]
        await callback.answer()

    @router.callback_query(AskTargetCb.filter())
    async def pick_target(
        callback: CallbackQuery,
        callback_data: AskTargetCb,
        user: User,
        state: FSMContext,
        quote_bank: QuoteBankService,
        quote_requests: QuoteRequestService,
        accreditation: AccreditationService,
    ) -> None:
        if not await accreditation.is_accredited(user.id):
            await refuse(
                callback, _("Only accredited journalists can request quotes. Apply in /press.")
            )
            return
        if await state.get_state() != AskForm.target.state:
            await refuse(callback, _("This form is no longer open. Start again with /ask."))
            return
        pick = callback_data.pick
        if pick in {TargetPick.LIST_PEOPLE, TargetPick.LIST_DELEGATIONS}:
            people = pick is TargetPick.LIST_PEOPLE
            options = await (quote_bank.speakers() if people else quote_bank.delegations())
            builder = InlineKeyboardBuilder()
            for key, label in options:
                builder.button(
                    text=shorten(label.get(user.language), 60),
                    callback_data=AskTargetCb(
                        pick=TargetPick.PERSON if people else TargetPick.DELEGATION, key=key
                    ),
                )
            builder.adjust(1)
            await show(callback, _("Choose:"), builder.as_markup())
            await callback.answer()
            return
        kind = {
            TargetPick.PERSON: TargetKind.PERSON,
            TargetPick.DELEGATION: TargetKind.DELEGATION,
            TargetPick.ORGANISERS: TargetKind.ORGANISERS,
        }[pick]
        target = await quote_requests.target(kind, callback_data.key or None)
        if target is None:
            await refuse(callback, _("This choice is no longer in the data. Choose again."))
            return
        await state.update_data(kind=target.kind.value, key=target.key)
        await state.set_state(AskForm.question)
        await show(
            callback,
            _("Step 2 of 3. Your question to {target}?").format(
                target=escape(target.label.get(user.language))
            ),
        )
        await callback.answer()

    @router.message(StateFilter(AskForm.target, AnswerForm.mode), ~F.text.startswith("/"))
    async def expects_a_button(message: Message) -> None:
        await message.answer(use_buttons())

    @router.message(AskForm.question)
    async def question_step(message: Message, state: FSMContext) -> None:
        question = await accepted(message, lambda text: clean(text, QUESTION, multiline=True))
        if question is None:
            return
        await state.update_data(question=question)
        await state.set_state(AskForm.deadline)
        await message.answer(
            _(
                "Step 3 of 3. By when do you need the answer? Press a button or send a time "
                "(event time) as HH:MM or DD.MM HH:MM."
            ),
            reply_markup=deadline_keyboard(),
        )

    async def submit(
        target_message: Message,
        user: User,
        deadline: dt.datetime,
        state: FSMContext,
        quote_requests: QuoteRequestService,
        agenda: AgendaService,
    ) -> None:
        data = await state.get_data()
        target = await quote_requests.target(TargetKind(data["kind"]), data.get("key"))
        if target is None:
            await state.clear()
            await target_message.answer(_("This choice is no longer in the data. Choose again."))
            return
        request = await quote_requests.submit(user.id, target, data["question"], deadline)
        await state.clear()
        if request is None:
            await target_message.answer(
                _("Only accredited journalists can request quotes. Apply in /press.")
            )
            return
        await target_message.answer(
            _(
                "Your request No. {number} is registered; deadline {time}. "
                "The answer will arrive here. Your requests: /requests"
            ).format(
                number=request.id,
                time=escape(moment(request.deadline, await agenda.event(), user.language)),
            )
        )

    @router.message(AskForm.deadline)
    async def typed_deadline(
        message: Message,
        user: User,
        state: FSMContext,
        quote_requests: QuoteRequestService,
        agenda: AgendaService,
    ) -> None:
        now = quote_requests.now()
        zone = (await agenda.event()).zone
        deadline = await accepted(message, lambda text: parse_moment(text, now, zone))
        if deadline is None:
            return
        if not deadline_allowed(deadline, now):
            await message.answer(
                _("The deadline must be between {low} minutes and {high} days from now.").format(
                    low=int(SHORTEST_DEADLINE.total_seconds() // 60), high=LONGEST_DEADLINE.days
                )
            )
            return
        await submit(message, user, deadline, state, quote_requests, agenda)

    @router.callback_query(DeadlineCb.filter())
    async def button_deadline(
        callback: CallbackQuery,
        callback_data: DeadlineCb,
        user: User,
        state: FSMContext,
        quote_requests: QuoteRequestService,
        agenda: AgendaService,
    ) -> None:
        if await state.get_state() != AskForm.deadline.state:
            await refuse(callback, _("This form is no longer open. Start again with /ask."))
            return
        if callback_data.hours not in DEADLINE_HOURS:
            await refuse(callback, _("This button is out of date. Send /start for a fresh menu."))
            return
        deadline = quote_requests.now() + dt.timedelta(hours=callback_data.hours)
        await callback.answer()
        await submit(callback.message, user, deadline, state, quote_requests, agenda)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ my requests

    async def mine_text(user: User, quote_requests: QuoteRequestService, event: Event) -> str:
        requests = await quote_requests.mine(user.id)
        if not requests:
            return _("You have no quote requests yet. Ask with /ask.")
        blocks = [_("<b>My quote requests</b>")]
        for request in requests[:SHOWN_REQUESTS]:
            block = request_card(request, event, user.language)
            if request.answer:
                block += "\n" + _("Answer: {text}").format(
                    text=escape(shorten(request.answer, 300))
                )
            if request.decline_reason:
                block += "\n" + _("Reason: {reason}").format(reason=escape(request.decline_reason))
            blocks.append(block)
        return paginate(blocks, separator="\n\n")[0]

    @router.message(Command("requests"), F.chat.type == "private")
    async def requests_command(
        message: Message, user: User, quote_requests: QuoteRequestService, agenda: AgendaService
    ) -> None:
        await message.answer(await mine_text(user, quote_requests, await agenda.event()))

    @router.callback_query(PressMenuCb.filter(F.item == PressMenu.MINE))
    async def requests_button(
        callback: CallbackQuery,
        user: User,
        quote_requests: QuoteRequestService,
        agenda: AgendaService,
    ) -> None:
        builder = InlineKeyboardBuilder()
        builder.button(text=_("« Press centre"), callback_data=PressMenuCb(item=PressMenu.HOME))
        text = await mine_text(user, quote_requests, await agenda.event())
        await show(callback, text, builder.as_markup())
        await callback.answer()

    # ------------------------------------------------------------------ the press queue

    @router.message(Command("queue"), F.chat.type == "private")
    async def queue_command(
        message: Message, user: User, quote_requests: QuoteRequestService, agenda: AgendaService
    ) -> None:
        requests = await quote_requests.queue(user.id)
        if requests is None:
            await message.answer(not_organiser())
            return
        text, markup = queue_view(requests, quote_requests, await agenda.event(), user.language)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(PressMenuCb.filter(F.item == PressMenu.QUEUE))
    async def queue_button(
        callback: CallbackQuery,
        user: User,
        quote_requests: QuoteRequestService,
        agenda: AgendaService,
    ) -> None:
        requests = await quote_requests.queue(user.id)
        if requests is None:
            await refuse(callback, not_organiser())
            return
        text, markup = queue_view(requests, quote_requests, await agenda.event(), user.language)
        await show(callback, text, markup)
        await callback.answer()

    async def render_request(
        callback: CallbackQuery,
        user: User,
        request_id: int,
        quote_requests: QuoteRequestService,
        agenda: AgendaService,
    ) -> bool:
        """Shows the request; False when it is gone (the user has been told already)."""
        request = await quote_requests.for_organiser(user.id, request_id)
        if request is None:
            await refuse(callback, refusal_text(Outcome.UNKNOWN))
            return False
        text, markup = request_view(
            request,
            quote_requests.near_deadline(request),
            quote_requests.now(),
            await agenda.event(),
            user.language,
        )
        await show(callback, text, markup)
        return True

    @router.callback_query(QueueCb.filter(F.action == RequestAction.OPEN))
    async def open_request(
        callback: CallbackQuery,
        callback_data: QueueCb,
        user: User,
        quote_requests: QuoteRequestService,
        agenda: AgendaService,
    ) -> None:
        if await quote_requests.queue(user.id) is None:
            await refuse(callback, not_organiser())
            return
        if await render_request(callback, user, callback_data.request, quote_requests, agenda):
            await callback.answer()

    @router.callback_query(QueueCb.filter(F.action == RequestAction.TAKE))
    async def take_request(
        callback: CallbackQuery,
        callback_data: QueueCb,
        user: User,
        quote_requests: QuoteRequestService,
        agenda: AgendaService,
    ) -> None:
        outcome = await quote_requests.take(user.id, callback_data.request)
        if outcome is not Outcome.DONE:
            await refuse(callback, refusal_text(outcome))
            return
        if await render_request(callback, user, callback_data.request, quote_requests, agenda):
            await callback.answer(_("Taken: it is yours now."))

    @router.callback_query(
        QueueCb.filter(F.action.in_({RequestAction.ANSWER, RequestAction.DECLINE}))
    )
    async def close_request(
        callback: CallbackQuery,
        callback_data: QueueCb,
        user: User,
        state: FSMContext,
        quote_requests: QuoteRequestService,
    ) -> None:
        refused = await quote_requests.can_close(user.id, callback_data.request)
        if refused is not None:
            await refuse(callback, refusal_text(refused))
            return
        await state.clear()
        await state.update_data(request=callback_data.request)
        if callback_data.action is RequestAction.ANSWER:
            await state.set_state(AnswerForm.text)
            prompt = _("Your answer to request No. {number}? (/cancel)")
        else:
            await state.set_state(AnswerForm.reason)
            prompt = _("Why is request No. {number} declined? The journalist sees this. (/cancel)")
        await callback.message.answer(prompt.format(number=callback_data.request))  # type: ignore[union-attr]
        await callback.answer()

    @router.message(AnswerForm.text, flags={"max_length": ANSWER.high})
    async def answer_text(
        message: Message, user: User, state: FSMContext, quote_requests: QuoteRequestService
    ) -> None:
        text = await accepted(message, lambda text: clean(text, ANSWER, multiline=True))
        if text is None:
            return
        data = await state.update_data(answer=text)
        request = await quote_requests.for_organiser(user.id, data["request"])
        builder = InlineKeyboardBuilder()
        builder.button(text=_("Send"), callback_data=AnswerModeCb(mode=AnswerMode.SEND))
        if request is not None and request.target_kind is TargetKind.PERSON:
            builder.button(
                text=_("Send and add to the quote bank"),
                callback_data=AnswerModeCb(mode=AnswerMode.SEND_AND_BANK),
            )
        builder.adjust(1)
        await state.set_state(AnswerForm.mode)
        await message.answer(
            _("Send this answer to the journalist?"), reply_markup=builder.as_markup()
        )

    @router.callback_query(AnswerModeCb.filter())
    async def answer_mode(
        callback: CallbackQuery,
        callback_data: AnswerModeCb,
        user: User,
        state: FSMContext,
        quote_requests: QuoteRequestService,
    ) -> None:
        data = await state.get_data()
        if await state.get_state() != AnswerForm.mode.state or "answer" not in data:
            await refuse(
                callback, _("This answer is no longer open. Open the request again in /queue.")
            )
            return
        outcome = await quote_requests.answer(
            user.id,
            data["request"],
            data["answer"],
            to_bank=callback_data.mode is AnswerMode.SEND_AND_BANK,
        )
        if outcome is not Outcome.DONE:
            if outcome is not Outcome.NOT_FOR_BANK:
                await state.clear()
            await refuse(callback, refusal_text(outcome))
            return
        await state.clear()
        await show(
            callback,
            _("✅ The answer to request No. {number} was sent.").format(number=data["request"]),
        )
        await callback.answer()

    @router.message(AnswerForm.reason)
    async def decline_reason(
        message: Message, user: User, state: FSMContext, quote_requests: QuoteRequestService
    ) -> None:
        reason = await accepted(message, lambda text: clean(text, REASON, multiline=True))
        if reason is None:
            return
        data = await state.get_data()
        await state.clear()
        outcome = await quote_requests.decline(user.id, data["request"], reason)
        if outcome is not Outcome.DONE:
            await message.answer(refusal_text(outcome))
            return
        await message.answer(
            _("Request No. {number} was declined; the journalist was told.").format(
                number=data["request"]
            )
        )

    return router
