"""What the broadcast form needs beyond ``handlers/common/forms.py``, as a small adapter.

The shared form helper is being extended by another feature at the same time, so the
three things compose needs and it lacks live here: a step answered by a whole message
(a photo or document with its caption, formatting kept), a button answer under a router
whose buttons ``answer_callbacks`` answers, and going back to an earlier step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, Update
from aiogram.utils.callback_answer import CallbackAnswer

from handlers.common.forms import Form, Parse, Values


def message_parser(parse: Callable[[Message], Any]) -> Parse:
    """A parser given the step's message, not only its text.

    The form hands parsers the text; the message itself is in the update aiogram passes
    every handler (``event_update``).
    """

    def run(_text: str | None, _values: Values, data: dict[str, Any]) -> Any:
        update = data["event_update"]
        assert isinstance(update, Update)
        assert update.message is not None
        return parse(update.message)

    return run


async def choose(
    form: Form,
    callback: CallbackQuery,
    state: FSMContext,
    field: str,
    value: Any,
    *,
    callback_answer: CallbackAnswer,
    data: dict[str, Any],
) -> bool:
    """``form.choose`` under ``answer_callbacks``: the form answers the button itself, so
    the router's answerer must not answer it a second time."""
    callback_answer.disable()
    return await form.choose(callback, state, field, value, data)


async def back_to(form: Form, state: FSMContext, field: str) -> None:
    """Reopen an earlier step with every value kept (e.g. change the audience)."""
    step = next(step for step in form.steps if step.field == field)
    await state.set_state(step.state)
