"""/ask: an accredited journalist requests a quote (their requests: ``mine.py``)."""

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
from aiogram.utils.i18n import ngettext

from bot.agenda.service import AgendaService
from bot.forms.input import QUESTION, clean, parse_moment
from bot.press.quote_bank import QuoteBankService
from bot.press.quote_requests import (
    LONGEST_DEADLINE,
    SHORTEST_DEADLINE,
    QuoteRequestService,
    Target,
    deadline_allowed,
)
from bot.press.values import TargetKind
from bot.telegram.html import shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.forms import Form, Question, Step, StepRejectedError, Values, parser, prompt
from handlers.common.views import show
from handlers.press.callbacks import AskTargetCb, DeadlineCb, PressMenu, PressMenuCb, TargetPick
from handlers.press.common import alert, cancelled
from handlers.press.views import moment

DEADLINE_HOURS = (1, 3, 6, 24)
KINDS = {
    TargetPick.PERSON: TargetKind.PERSON,
    TargetPick.DELEGATION: TargetKind.DELEGATION,
    TargetPick.ORGANISERS: TargetKind.ORGANISERS,
}


class AskForm(StatesGroup):
    target = State()
    question = State()
    deadline = State()


def only_accredited() -> str:
    return _("Only accredited journalists can request quotes. Apply in /press.")


def target_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("A speaker"), callback_data=AskTargetCb(pick=TargetPick.LIST_PEOPLE))
    builder.button(
        text=_("A delegation"), callback_data=AskTargetCb(pick=TargetPick.LIST_DELEGATIONS)
    )
    builder.button(text=_("The organisers"), callback_data=AskTargetCb(pick=TargetPick.ORGANISERS))
    builder.button(
        text=_("The organisers, about a session"),
        callback_data=AskTargetCb(pick=TargetPick.LIST_SESSIONS),
    )
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


def closed_note(chosen: dict[str, Any]) -> str:
    """Said when the question is about a session the press may not attend."""
    if not chosen.get("closed"):
        return ""
    text = _(
        "🔒 The session «{session}» is closed to the press: its speakers may decline to comment."
    )
    return "\n\n" + text.format(session=escape(chosen["session_title"]))


async def ask_question(values: Values, _data: dict[str, Any]) -> Question:
    target = escape(values["target"]["label"])
    question = _("Step 2 of 3. Your question to {target}?").format(target=target)
    return question + closed_note(values["target"]), None


async def chosen_target(
    quote_requests: QuoteRequestService, chosen: dict[str, Any]
) -> Target | None:
    """The target the form stored, looked up again: the data may have changed meanwhile."""
    if chosen.get("session"):
        found = await quote_requests.about_session(chosen["session"])
        return None if found is None else found[0]
    return await quote_requests.target(TargetKind(chosen["kind"]), chosen["key"])


async def parse_deadline(text: str | None, _values: Values, data: dict[str, Any]) -> str:
    """A typed moment (event time) within the allowed window; stored as ISO text."""
    quote_requests: QuoteRequestService = data["quote_requests"]
    agenda: AgendaService = data["agenda"]
    now = quote_requests.now()
    deadline = parse_moment(text, now, (await agenda.event()).zone)
    if not deadline_allowed(deadline, now):
        low, high = int(SHORTEST_DEADLINE.total_seconds() // 60), LONGEST_DEADLINE.days
        earliest = ngettext(
            "The deadline must be at least {count} minute from now.",
            "The deadline must be at least {count} minutes from now.",
            low,
        )
        latest = ngettext(
            "It can be at most {count} day ahead.", "It can be at most {count} days ahead.", high
        )
        raise StepRejectedError(f"{earliest.format(count=low)} {latest.format(count=high)}")
    return deadline.isoformat()


async def submit(message: Message, values: Values, data: dict[str, Any]) -> None:
    quote_requests: QuoteRequestService = data["quote_requests"]
    agenda: AgendaService = data["agenda"]
    user: User = data["user"]
    target = await chosen_target(quote_requests, values["target"])
    if target is None:
        await message.answer(_("This choice is no longer in the data. Choose again."))
        return
    deadline = dt.datetime.fromisoformat(values["deadline"])
    request = await quote_requests.submit(user, target, values["question"], deadline)
    await message.answer(
        _(
            "Your request No. {number} is registered; deadline {time}. "
            "The answer will arrive here. Your requests: /requests"
        ).format(
            number=request.id,
            time=escape(moment(request.deadline, await agenda.event(), user.language)),
        )
        + closed_note(values["target"])
    )


ask_form = Form(
    "ask",
    [
        Step(
            AskForm.target,
            prompt(
                lambda: _(
                    "<b>Quote request</b>, step 1 of 3. Whom do you want a quote from? (/cancel)"
                ),
                target_keyboard,
            ),
            "target",
        ),
        Step(
            AskForm.question,
            ask_question,
            "question",
            parser(lambda text: clean(text, QUESTION, multiline=True)),
        ),
        Step(
            AskForm.deadline,
            prompt(
                lambda: _(
                    "Step 3 of 3. By when do you need the answer? Press a button or send a time "
                    "(event time) as HH:MM or DD.MM HH:MM."
                ),
                deadline_keyboard,
            ),
            "deadline",
            parse_deadline,
        ),
    ],
    finish=submit,
    cancelled=cancelled,
    stale=lambda: _("This form is no longer open. Start again with /ask."),
)


async def ask_command(
    message: Message, user: User, quote_requests: QuoteRequestService, state: FSMContext
) -> None:
    if not await quote_requests.may_ask(user):
        await message.answer(only_accredited())
        return
    await ask_form.begin(message, state, {})


async def ask_button(
    callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    user: User,
    quote_requests: QuoteRequestService,
    state: FSMContext,
) -> None:
    if not await quote_requests.may_ask(user):
        alert(callback_answer, only_accredited())
        return
    assert isinstance(callback.message, Message)
    await ask_form.begin(callback.message, state, {})


async def options_keyboard(
    pick: TargetPick, quote_bank: QuoteBankService, language: str
) -> InlineKeyboardMarkup:
    """The speakers or the delegations to choose from."""
    people = pick is TargetPick.LIST_PEOPLE
    options = await (quote_bank.speakers() if people else quote_bank.delegations())
    builder = InlineKeyboardBuilder()
    for key, label in options:
        builder.button(
            text=shorten(label.get(language), 60),
            callback_data=AskTargetCb(
                pick=TargetPick.PERSON if people else TargetPick.DELEGATION, key=key
            ),
        )
    builder.adjust(1)
    return builder.as_markup()


async def pick_target(
    callback: CallbackQuery, callback_data: AskTargetCb, state: FSMContext, **data: Any
) -> None:
    user: User = data["user"]
    quote_requests: QuoteRequestService = data["quote_requests"]
    if not await quote_requests.may_ask(user):
        alert(data["callback_answer"], only_accredited())
        return
    pick = callback_data.pick
    if pick not in KINDS:
        if await ask_form.still_open(callback, state, "target", data):
            markup = await options_keyboard(pick, data["quote_bank"], user.language)
            await show(callback, _("Choose:"), markup)
        return
    target = await quote_requests.target(KINDS[pick], callback_data.key or None)
    if target is None:
        alert(data["callback_answer"], _("This choice is no longer in the data. Choose again."))
        return
    chosen = {
        "kind": target.kind.value,
        "key": target.key,
        "label": target.label.get(user.language),
    }
    await ask_form.choose(callback, state, "target", chosen, data)


async def deadline_button(
    callback: CallbackQuery, callback_data: DeadlineCb, state: FSMContext, **data: Any
) -> None:
    if callback_data.hours not in DEADLINE_HOURS:
        alert(
            data["callback_answer"],
            _("This button is out of date. Send /start for a fresh menu."),
        )
        return
    quote_requests: QuoteRequestService = data["quote_requests"]
    deadline = quote_requests.now() + dt.timedelta(hours=callback_data.hours)
    await ask_form.choose(callback, state, "deadline", deadline.isoformat(), data)


def setup(public: Router, organisers: Router) -> None:
    public.message.register(ask_command, Command("ask"))
    public.callback_query.register(ask_button, PressMenuCb.filter(F.item == PressMenu.ASK))
    public.callback_query.register(pick_target, AskTargetCb.filter())
    public.callback_query.register(deadline_button, DeadlineCb.filter())
    ask_form.register(public)
