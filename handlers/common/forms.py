"""Step-by-step forms declared once: steps, validation, /cancel and stale buttons.

A form is a list of steps. A *text* step validates what the user types (the parser
raises ``InputRejectedError``, answered with what to send instead) and stores it under
the step's field; a *button* step waits for a button of the form, and typed text gets
a hint. After the last step the form's ``finish`` receives every value and the
handler's data (services, user). The same machinery serves every form of the bot,
instead of one hand-written handler per step.

    ApplyForm = Form("apply", [TextStep(...), ...], finish=submit_application,
                     cancelled=lambda: _("Cancelled."))
    ApplyForm.register(router)         # the handlers of its text steps
    await ApplyForm.begin(message, state)
    await ApplyForm.choose(callback, state, "deadline", hours, data)   # from a button step

A step with ``when`` is asked only when it holds for the values so far (a second
language after «add the English version»); otherwise the form goes on past it.
A parser raises ``StepRejectedError(text)`` for a rule of its own (a deadline too soon);
a prompt may return several messages (a long preview), the buttons under the last.
A button that finishes the form hands ``finish`` its callback as ``data["callback"]``,
so the pressed message can be replaced instead of answered.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, Update
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.forms.input import InputRejectedError, Problem
from bot.telegram.html import paginate

Values = dict[str, Any]
Question = tuple[str, InlineKeyboardMarkup | None]
Prompt = Callable[[Values, dict[str, Any]], Awaitable[Question | list[Question]]]
Parse = Callable[[str | None, Values, dict[str, Any]], Any]
Finish = Callable[[Message, Values, dict[str, Any]], Awaitable[None]]


class StepRejectedError(ValueError):
    """A typed answer a step's own rule refuses; ``text`` (translated) says what to send."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def prompt(
    text: Callable[[], str], keyboard: Callable[[], InlineKeyboardMarkup] | None = None
) -> Prompt:
    """A fixed question (translated when asked), with an optional keyboard."""

    async def ask(_values: Values, _data: dict[str, Any]) -> Question | list[Question]:
        return text(), None if keyboard is None else keyboard()

    return ask


def parser(parse: Callable[[str | None], Any]) -> Parse:
    """A validator that needs only the text."""

    def run(text: str | None, _values: Values, _data: dict[str, Any]) -> Any:
        return parse(text)

    return run


def message_parser(parse: Callable[[Message], Any]) -> Parse:
    """A validator given the whole message: a photo or document with its caption, the
    text with its formatting (aiogram hands every handler the update it came in)."""

    def run(_text: str | None, _values: Values, data: dict[str, Any]) -> Any:
        update = data["event_update"]
        assert isinstance(update, Update)
        assert update.message is not None
        return parse(update.message)

    return run


@dataclass(frozen=True)
class Step:
    state: State
    ask: Prompt
    field: str
    parse: Parse | None = None
    """None: a button step; typed text gets «use the buttons»."""
    max_length: int | None = None
    """Longer texts than the default input limit this step accepts (see telegram.limits)."""
    when: Callable[[Values], bool] | None = None
    """Asked only when this holds for the values so far (an optional part of a form, such
    as a second language); otherwise the form goes on to the next step."""


@dataclass
class Form:
    name: str
    steps: Sequence[Step]
    finish: Finish
    cancelled: Callable[[], str]
    stale: Callable[[], str] = field(
        default=lambda: _("This form is no longer open. Nothing was changed.")
    )

    def __post_init__(self) -> None:
        self._by_state = {step.state.state: index for index, step in enumerate(self.steps)}
        _FORMS.append(self)

    @property
    def states(self) -> list[State]:
        return [step.state for step in self.steps]

    def register(self, router: Router) -> None:
        """Handlers for the form's typed answers; buttons stay with the feature."""
        for step in self.steps:
            flags = {} if step.max_length is None else {"max_length": step.max_length}
            if step.parse is None:
                router.message(step.state, ~F.text.startswith("/"))(_expects_a_button)
            else:
                router.message(step.state, flags=flags)(self._typed)

    async def begin(
        self, target: Message, state: FSMContext, data: dict[str, Any], **values: Any
    ) -> None:
        """Start afresh (dropping any other form) with ``values`` already known."""
        await state.clear()
        await state.update_data(**values)
        await self._ask(0, target, state, data)

    async def at(self, state: FSMContext, field_name: str) -> bool:
        """Whether the form waits for ``field_name`` now (a button of an older form does not)."""
        current = await state.get_state()
        index = self._by_state.get(current or "")
        return index is not None and self.steps[index].field == field_name

    async def still_open(
        self,
        callback: CallbackQuery,
        state: FSMContext,
        field_name: str,
        data: dict[str, Any],
        match: Mapping[str, Any] | None = None,
    ) -> bool:
        """Whether a button of this form may act now: the form waits for ``field_name``
        and its stored values equal ``match`` (a draft id, say). Else the user is told
        the form is no longer open (an alert) and False is returned."""
        values = await state.get_data()
        if await self.at(state, field_name) and all(
            values.get(key) == wanted for key, wanted in (match or {}).items()
        ):
            return True
        await _answer(callback, data, self.stale(), alert=True)
        return False

    async def reopen(self, state: FSMContext, field_name: str) -> None:
        """Back to an earlier step with every value kept (e.g. «Change audience»)."""
        step = next(step for step in self.steps if step.field == field_name)
        await state.set_state(step.state)

    async def choose(
        self,
        callback: CallbackQuery,
        state: FSMContext,
        field_name: str,
        value: Any,
        data: dict[str, Any],
        match: Mapping[str, Any] | None = None,
    ) -> bool:
        """A button answered step ``field_name``; False (and an alert) when it is stale.

        With aiogram's ``CallbackAnswerMiddleware`` (``data["callback_answer"]``) the
        answer is left to it; otherwise the callback is answered here.
        """
        if not await self.still_open(callback, state, field_name, data, match):
            return False
        if "callback_answer" not in data:
            await callback.answer()
        message = callback.message
        assert isinstance(message, Message)
        await self._store(message, state, field_name, value, {**data, "callback": callback})
        return True

    async def _typed(self, message: Message, state: FSMContext, **data: Any) -> None:
        index = self._by_state[await state.get_state() or ""]
        step = self.steps[index]
        assert step.parse is not None
        values = await state.get_data()
        try:
            value = step.parse(message.text, values, data)
            if inspect.isawaitable(value):
                value = await value
        except InputRejectedError as error:
            await message.answer(problem_text(error, message.text))
            return
        except StepRejectedError as error:
            await message.answer(error.text)
            return
        await self._store(message, state, step.field, value, data)

    async def _store(
        self, target: Message, state: FSMContext, field_name: str, value: Any, data: dict[str, Any]
    ) -> None:
        index = next(i for i, step in enumerate(self.steps) if step.field == field_name)
        await state.update_data({field_name: value})
        await self._ask(index + 1, target, state, data)

    async def _ask(
        self, index: int, target: Message, state: FSMContext, data: dict[str, Any]
    ) -> None:
        values = await state.get_data()
        while index < len(self.steps) and not self._asked(index, values):
            index += 1
        if index == len(self.steps):
            await state.clear()
            await self.finish(target, values, data)
            return
        step = self.steps[index]
        await state.set_state(step.state)
        asked = await step.ask(values, data)
        for text, markup in asked if isinstance(asked, list) else [asked]:
            await target.answer(text, reply_markup=markup)

    def _asked(self, index: int, values: Values) -> bool:
        when = self.steps[index].when
        return when is None or when(values)


_FORMS: list[Form] = []


async def _answer(callback: CallbackQuery, data: dict[str, Any], text: str, alert: bool) -> None:
    answer = data.get("callback_answer")
    if isinstance(answer, CallbackAnswer):
        answer.text = text
        answer.show_alert = alert
    else:
        await callback.answer(text, show_alert=alert)


def form_of(state_name: str | None) -> Form | None:
    return next((form for form in _FORMS if state_name in form._by_state), None)


async def _expects_a_button(message: Message) -> None:
    await message.answer(use_buttons())


def preview(header: str, body: str, markup: InlineKeyboardMarkup) -> list[Question]:
    """A draft as it will read, in as many messages as it needs; ``markup`` under the last.

    ``header`` is HTML; ``body`` is the plain text, split before escaping because Telegram
    counts the length limit after parsing entities.
    """
    pages = [escape(page) for page in paginate(body.split("\n\n"), 3500, separator="\n\n")]
    pages[0] = f"{header}\n\n{pages[0]}"
    return [
        (_("<b>Preview</b> — publish it?"), None),
        *((page, None) for page in pages[:-1]),
        (pages[-1], markup),
    ]


def use_buttons() -> str:
    return _("Please choose with the buttons above, or /cancel.")


def problem_text(error: InputRejectedError, text: str | None) -> str:
    """Why a typed answer was not taken, and what to send instead."""
    bounds = error.bounds
    match error.problem:
        case Problem.EMPTY:
            return _("Please send the answer as a text message, or /cancel.")
        case Problem.COMMAND:
            return _("That looks like a command. Send the answer as plain text, or /cancel.")
        case Problem.TOO_SHORT:
            return ngettext(
                "Too short: at least {count} character, please.",
                "Too short: at least {count} characters, please.",
                bounds.low,
            ).format(count=bounds.low)
        case Problem.TOO_LONG:
            return ngettext(
                "Too long: at most {count} character, you sent {length}.",
                "Too long: at most {count} characters, you sent {length}.",
                bounds.high,
            ).format(count=bounds.high, length=len((text or "").strip()))
        case Problem.CONTACT:
            return _(
                "Send a phone number (at least 7 digits, e.g. +993 12 345678) or an e-mail address."
            )
        case Problem.TIME:
            return _("Send a time as HH:MM (e.g. 18:30) or a date and time as DD.MM HH:MM.")


async def in_a_form(_message: Message, state: FSMContext) -> bool:
    return form_of(await state.get_state()) is not None


async def cancel(message: Message, state: FSMContext) -> None:
    """/cancel in any form: nothing it collected is kept."""
    form = form_of(await state.get_state())
    await state.clear()
    await message.answer(form.cancelled() if form else _("Cancelled. Nothing was saved."))


def router() -> Router:
    """/cancel for every form; registered before the features so it always wins."""
    forms = Router(name="forms")
    forms.message.filter(F.chat.type == "private")
    forms.message.register(cancel, Command("cancel"), in_a_form)
    return forms
