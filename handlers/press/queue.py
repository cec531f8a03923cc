"""/queue: the organisers' press queue; taking, answering and declining quote requests."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.agenda.values import Session
from bot.content.models import Event, PressAccess
from bot.forms.input import ANSWER, REASON, clean
from bot.press.quote_requests import Outcome, QuoteRequestService
from bot.press.values import QuoteRequest, RequestStatus, TargetKind
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.forms import Form, Question, Step, Values, parser
from handlers.common.press_access import press_access_line
from handlers.common.views import show
from handlers.press.callbacks import (
    AnswerMode,
    AnswerModeCb,
    PressMenu,
    PressMenuCb,
    QueueCb,
    QueuePageCb,
    RequestAction,
)
from handlers.press.common import alert, cancelled
from handlers.press.paging import navigation, page_mark, page_of
from handlers.press.views import moment, request_card, status_label

PAGE_SIZE = 10


class AnswerForm(StatesGroup):
    text = State()
    mode = State()
    reason = State()


def deadline_flag(request: QuoteRequest, now: dt.datetime, near: bool) -> str:
    if request.deadline <= now:
        return " " + _("⏰ overdue")
    return " " + _("⚠️ due soon") if near else ""


def queue_view(
    requests: list[QuoteRequest],
    page: int,
    quote_requests: QuoteRequestService,
    event: Event,
    language: str,
) -> tuple[str, InlineKeyboardMarkup]:
    """A page of open requests (oldest first), a button each, ‹ › to the rest."""
    now = quote_requests.now()
    shown, page, pages = page_of(requests, page, PAGE_SIZE)
    heading = _("<b>Press queue</b>: open requests, oldest first") + page_mark(page, pages)
    lines = [heading, ""]
    if not requests:
        lines.append(_("No open requests."))
    builder = InlineKeyboardBuilder()
    for request in shown:
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
    builder.adjust(1)
    builder.attach(navigation(page, pages, lambda target: QueuePageCb(page=target)))
    return paginate(lines)[0], builder.as_markup()


def request_view(
    request: QuoteRequest,
    near: bool,
    now: dt.datetime,
    event: Event,
    language: str,
    about: Session | None = None,
) -> tuple[str, InlineKeyboardMarkup]:
    text = request_card(request, event, language)
    if request.status.open:
        text += deadline_flag(request, now, near)
    if about is not None and about.press is not PressAccess.OPEN:
        line = _("{access}: its speakers may decline.")
        text += "\n" + line.format(access=press_access_line(about.press))
    actions: list[tuple[str, RequestAction]] = []
    if request.status is RequestStatus.NEW:
        actions.append((_("🙋 Take"), RequestAction.TAKE))
    if request.status.open:
        actions += [(_("💬 Answer"), RequestAction.ANSWER), (_("✖ Decline"), RequestAction.DECLINE)]
    builder = InlineKeyboardBuilder()
    for label, action in actions:
        builder.button(text=label, callback_data=QueueCb(action=action, request=request.id))
    builder.button(text=_("« Press queue"), callback_data=PressMenuCb(item=PressMenu.QUEUE))
    builder.adjust(1)
    return text, builder.as_markup()


def refusal_text(outcome: Outcome) -> str:
    texts = {
        Outcome.UNKNOWN: _("This request does not exist."),
        Outcome.CLOSED: _("This request has already been answered or declined."),
        Outcome.TAKEN: _("Someone has already taken this request."),
        Outcome.NOT_FOR_BANK: _("Only an answer from a speaker can go into the quote bank."),
    }
    return texts[outcome]


# ------------------------------------------------------------------ answering, declining


async def ask_for_mode(values: Values, data: dict[str, Any]) -> Question:
    quote_requests: QuoteRequestService = data["quote_requests"]
    request = await quote_requests.for_organiser(data["user"], values["request"])
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Send"), callback_data=AnswerModeCb(mode=AnswerMode.SEND))
    if request is not None and request.target_kind is TargetKind.PERSON:
        builder.button(
            text=_("Send and add to the quote bank"),
            callback_data=AnswerModeCb(mode=AnswerMode.SEND_AND_BANK),
        )
    builder.adjust(1)
    return _("Send this answer to the journalist?"), builder.as_markup()


async def send_answer(_message: Message, values: Values, data: dict[str, Any]) -> None:
    quote_requests: QuoteRequestService = data["quote_requests"]
    outcome = await quote_requests.answer(
        data["user"], values["request"], values["text"], to_bank=values["to_bank"]
    )
    if outcome is not Outcome.DONE:
        alert(data["callback_answer"], refusal_text(outcome))
        return
    await show(
        data["callback"],
        _("✅ The answer to request No. {number} was sent.").format(number=values["request"]),
    )


async def send_decline(message: Message, values: Values, data: dict[str, Any]) -> None:
    quote_requests: QuoteRequestService = data["quote_requests"]
    outcome = await quote_requests.decline(data["user"], values["request"], values["reason"])
    if outcome is not Outcome.DONE:
        await message.answer(refusal_text(outcome))
        return
    await message.answer(
        _("Request No. {number} was declined; the journalist was told.").format(
            number=values["request"]
        )
    )


async def ask_for_answer(values: Values, _data: dict[str, Any]) -> Question:
    return _("Your answer to request No. {number}? (/cancel)").format(
        number=values["request"]
    ), None


async def ask_for_reason(values: Values, _data: dict[str, Any]) -> Question:
    text = _("Why is request No. {number} declined? The journalist sees this. (/cancel)")
    return text.format(number=values["request"]), None


answer_form = Form(
    "answer",
    [
        Step(
            AnswerForm.text,
            ask_for_answer,
            "text",
            parser(lambda text: clean(text, ANSWER, multiline=True)),
            max_length=ANSWER.high,
        ),
        Step(AnswerForm.mode, ask_for_mode, "to_bank"),
    ],
    finish=send_answer,
    cancelled=cancelled,
    stale=lambda: _("This answer is no longer open. Open the request again in /queue."),
)
decline_form = Form(
    "decline",
    [
        Step(
            AnswerForm.reason,
            ask_for_reason,
            "reason",
            parser(lambda text: clean(text, REASON, multiline=True)),
        )
    ],
    finish=send_decline,
    cancelled=cancelled,
)


# ------------------------------------------------------------------ handlers


async def queue_page(
    user: User, page: int, quote_requests: QuoteRequestService, agenda: AgendaService
) -> tuple[str, InlineKeyboardMarkup]:
    requests = await quote_requests.queue(user)
    return queue_view(requests, page, quote_requests, await agenda.event(), user.language)


async def queue_command(
    message: Message, user: User, quote_requests: QuoteRequestService, agenda: AgendaService
) -> None:
    text, markup = await queue_page(user, 0, quote_requests, agenda)
    await message.answer(text, reply_markup=markup)


async def queue_button(
    callback: CallbackQuery, user: User, quote_requests: QuoteRequestService, agenda: AgendaService
) -> None:
    await show(callback, *await queue_page(user, 0, quote_requests, agenda))


async def queue_more(
    callback: CallbackQuery,
    callback_data: QueuePageCb,
    user: User,
    quote_requests: QuoteRequestService,
    agenda: AgendaService,
) -> None:
    await show(callback, *await queue_page(user, callback_data.page, quote_requests, agenda))


async def render_request(
    callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    user: User,
    request_id: int,
    quote_requests: QuoteRequestService,
    agenda: AgendaService,
) -> bool:
    """Shows the request; False when it is gone (and the user is told)."""
    request = await quote_requests.for_organiser(user, request_id)
    if request is None:
        alert(callback_answer, refusal_text(Outcome.UNKNOWN))
        return False
    text, markup = request_view(
        request,
        quote_requests.near_deadline(request),
        quote_requests.now(),
        await agenda.event(),
        user.language,
        await quote_requests.session(request.session_key),
    )
    await show(callback, text, markup)
    return True


async def open_request(
    callback: CallbackQuery,
    callback_data: QueueCb,
    callback_answer: CallbackAnswer,
    user: User,
    quote_requests: QuoteRequestService,
    agenda: AgendaService,
) -> None:
    await render_request(
        callback, callback_answer, user, callback_data.request, quote_requests, agenda
    )


async def take_request(
    callback: CallbackQuery,
    callback_data: QueueCb,
    callback_answer: CallbackAnswer,
    user: User,
    quote_requests: QuoteRequestService,
    agenda: AgendaService,
) -> None:
    outcome = await quote_requests.take(user, callback_data.request)
    if outcome is not Outcome.DONE:
        alert(callback_answer, refusal_text(outcome))
    elif await render_request(
        callback, callback_answer, user, callback_data.request, quote_requests, agenda
    ):
        callback_answer.text = _("Taken: it is yours now.")


async def close_request(
    callback: CallbackQuery, callback_data: QueueCb, state: FSMContext, **data: Any
) -> None:
    quote_requests: QuoteRequestService = data["quote_requests"]
    refused = await quote_requests.can_close(data["user"], callback_data.request)
    if refused is not None:
        alert(data["callback_answer"], refusal_text(refused))
        return
    form = answer_form if callback_data.action is RequestAction.ANSWER else decline_form
    assert isinstance(callback.message, Message)
    await form.begin(callback.message, state, data, request=callback_data.request)


async def answer_mode(
    callback: CallbackQuery, callback_data: AnswerModeCb, state: FSMContext, **data: Any
) -> None:
    to_bank = callback_data.mode is AnswerMode.SEND_AND_BANK
    await answer_form.choose(callback, state, "to_bank", to_bank, data)


def setup(public: Router, organisers: Router) -> None:
    organisers.message.register(queue_command, Command("queue"))
    organisers.callback_query.register(queue_button, PressMenuCb.filter(F.item == PressMenu.QUEUE))
    organisers.callback_query.register(queue_more, QueuePageCb.filter())
    organisers.callback_query.register(open_request, QueueCb.filter(F.action == RequestAction.OPEN))
    organisers.callback_query.register(take_request, QueueCb.filter(F.action == RequestAction.TAKE))
    organisers.callback_query.register(
        close_request, QueueCb.filter(F.action.in_({RequestAction.ANSWER, RequestAction.DECLINE}))
    )
    organisers.callback_query.register(answer_mode, AnswerModeCb.filter())
    answer_form.register(organisers)
    decline_form.register(organisers)
