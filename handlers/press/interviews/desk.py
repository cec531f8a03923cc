"""The organisers' interview desk: requests waiting, confirming a time, proposing
another, declining with a reason."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.forms.input import clean, parse_moment
from bot.press.interview_values import REASON, InterviewOutcome, InterviewRequest
from bot.press.interviews import InterviewService
from bot.telegram.html import shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import date_span
from bot.users.values import User
from handlers.common.forms import Form, Question, Step, StepRejectedError, Values, parser
from handlers.common.views import show
from handlers.press.callbacks import PressMenu, PressMenuCb
from handlers.press.common import alert, cancelled
from handlers.press.interviews.callbacks import DeskAction, DeskCb, InterviewsCb, InterviewsView
from handlers.press.interviews.views import desk_keyboard, refusal_text, request_card

PAGE_SIZE = 8


class DeskForm(StatesGroup):
    slot = State()
    reason = State()


def queue_view(
    requests: list[InterviewRequest], page: int, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    """Requests waiting for the press office, oldest first, a page at a time."""
    pages = max(1, -(-len(requests) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    heading = _("<b>Interview requests</b> waiting: {count}").format(count=len(requests))
    builder = InlineKeyboardBuilder()
    for request in requests[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        builder.button(
            text=_("No. {number} · {person} · {topic}").format(
                number=request.id,
                person=shorten(request.person_name.get(language), 30),
                topic=shorten(request.topic, 30),
            ),
            callback_data=DeskCb(action=DeskAction.OPEN, request=request.id),
        )
    builder.adjust(1)
    nav = InlineKeyboardBuilder()
    for target, arrow in ((page - 1, "‹"), (page + 1, "›")):
        if 0 <= target < pages:
            nav.button(
                text=arrow, callback_data=InterviewsCb(view=InterviewsView.QUEUE, page=target)
            )
    nav.button(text=_("« Press centre"), callback_data=PressMenuCb(item=PressMenu.HOME))
    builder.attach(nav)
    suffix = f" · {page + 1}/{pages}" if pages > 1 else ""
    return heading + suffix, builder.as_markup()


async def queue_page(
    callback: CallbackQuery, callback_data: InterviewsCb, user: User, interviews: InterviewService
) -> None:
    requests = await interviews.queue(user)
    text, markup = queue_view(requests, callback_data.page, user.language)
    await show(callback, text, markup)


async def render_card(
    callback: CallbackQuery,
    answer: CallbackAnswer,
    user: User,
    interviews: InterviewService,
    request_id: int,
) -> bool:
    """Shows the request as it is now; False (and an alert) when there is none."""
    found = await interviews.for_organiser(user, request_id)
    if found is None:
        alert(answer, refusal_text(InterviewOutcome.UNKNOWN))
        return False
    request, asker = found
    event = await interviews.event()
    text = request_card(request, asker, event, user.language)
    await show(callback, text, desk_keyboard(request, event))
    return True


async def open_request(
    callback: CallbackQuery,
    callback_data: DeskCb,
    callback_answer: CallbackAnswer,
    user: User,
    interviews: InterviewService,
) -> None:
    await render_card(callback, callback_answer, user, interviews, callback_data.request)


async def confirm(
    callback: CallbackQuery,
    callback_data: DeskCb,
    callback_answer: CallbackAnswer,
    user: User,
    interviews: InterviewService,
) -> None:
    outcome = await interviews.confirm(user, callback_data.request, callback_data.choice)
    if outcome is not InterviewOutcome.DONE:
        alert(callback_answer, refusal_text(outcome))
        return
    if await render_card(callback, callback_answer, user, interviews, callback_data.request):
        callback_answer.text = _("Confirmed: the journalist and the press office are told.")


# ------------------------------------------------------------------ propose, decline


async def ask_slot(values: Values, data: dict[str, Any]) -> Question:
    interviews: InterviewService = data["interviews"]
    event = await interviews.event()
    span = date_span(event.starts_on, event.ends_on, data["user"].language)
    text = _(
        "Which time do you propose for interview request No. {number}? Send DD.MM HH:MM in "
        "event time, within the meeting ({span}). (/cancel)"
    )
    return text.format(number=values["request"], span=escape(span)), None


async def parse_slot(text: str | None, _values: Values, data: dict[str, Any]) -> str:
    interviews: InterviewService = data["interviews"]
    slot = parse_moment(text, interviews.now(), (await interviews.event()).zone)
    if not await interviews.may_ask_at(slot):
        raise StepRejectedError(refusal_text(InterviewOutcome.BAD_TIME))
    return slot.isoformat()


async def send_proposal(message: Message, values: Values, data: dict[str, Any]) -> None:
    interviews: InterviewService = data["interviews"]
    slot = dt.datetime.fromisoformat(values["slot"])
    outcome = await interviews.propose(data["user"], values["request"], slot)
    if outcome is not InterviewOutcome.DONE:
        await message.answer(refusal_text(outcome))
        return
    await message.answer(
        _(
            "The time is proposed; the journalist will accept or refuse it (request No. {number})."
        ).format(number=values["request"])
    )


async def ask_reason(values: Values, _data: dict[str, Any]) -> Question:
    text = _("Why is interview request No. {number} declined? The journalist sees this. (/cancel)")
    return text.format(number=values["request"]), None


async def send_decline(message: Message, values: Values, data: dict[str, Any]) -> None:
    interviews: InterviewService = data["interviews"]
    outcome = await interviews.decline(data["user"], values["request"], values["reason"])
    if outcome is not InterviewOutcome.DONE:
        await message.answer(refusal_text(outcome))
        return
    await message.answer(
        _("Interview request No. {number} was declined; the journalist was told.").format(
            number=values["request"]
        )
    )


propose_form = Form(
    "interview_propose",
    [Step(DeskForm.slot, ask_slot, "slot", parse_slot)],
    finish=send_proposal,
    cancelled=cancelled,
)
decline_form = Form(
    "interview_decline",
    [
        Step(
            DeskForm.reason,
            ask_reason,
            "reason",
            parser(lambda text: clean(text, REASON, multiline=True)),
        )
    ],
    finish=send_decline,
    cancelled=cancelled,
)


async def start_form(
    callback: CallbackQuery, callback_data: DeskCb, state: FSMContext, **data: Any
) -> None:
    """«Propose» or «Decline»: only while the request is still waiting."""
    interviews: InterviewService = data["interviews"]
    found = await interviews.for_organiser(data["user"], callback_data.request)
    if found is None or not found[0].status.open:
        outcome = InterviewOutcome.UNKNOWN if found is None else InterviewOutcome.CLOSED
        alert(data["callback_answer"], refusal_text(outcome))
        return
    form = propose_form if callback_data.action is DeskAction.PROPOSE else decline_form
    assert isinstance(callback.message, Message)
    await form.begin(callback.message, state, data, request=callback_data.request)


def setup(organisers: Router) -> None:
    organisers.callback_query.register(
        queue_page, InterviewsCb.filter(F.view == InterviewsView.QUEUE)
    )
    organisers.callback_query.register(open_request, DeskCb.filter(F.action == DeskAction.OPEN))
    organisers.callback_query.register(confirm, DeskCb.filter(F.action == DeskAction.CONFIRM))
    organisers.callback_query.register(
        start_form, DeskCb.filter(F.action.in_({DeskAction.PROPOSE, DeskAction.DECLINE}))
    )
    propose_form.register(organisers)
    decline_form.register(organisers)
