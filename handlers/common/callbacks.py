"""What every feature's buttons share: bounded ids and one place that answers them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from aiogram import Router
from aiogram.dispatcher.flags import get_flag
from aiogram.types import CallbackQuery, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from pydantic import Field

Id = Annotated[int, Field(ge=0, le=2**63 - 1)]
"""A store id in callback data. A forged one past SQLite's 64 bits fails validation, so
the button matches no handler and the fallback answers «this button is out of date»
instead of an OverflowError in the store."""

Count = Annotated[int, Field(ge=0, le=10_000)]
"""A page number or an amount in callback data."""


class AnswerAfterHandler(CallbackAnswerMiddleware):
    """aiogram's answerer, except that a failing handler leaves the answer to the errors
    router: answered here first (aiogram answers in ``finally``), its refusal or apology
    would be refused by Telegram as «query is too old or already answered»."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        if not isinstance(event, CallbackQuery):
            return await handler(event, data)
        answer = data["callback_answer"] = self.construct_callback_answer(
            properties=get_flag(data, "callback_answer")
        )
        result = await handler(event, data)
        if not answer.disabled and not answer.answered:
            await self.answer(event, answer)
        return result


def answer_callbacks(router: Router) -> None:
    """Every button of ``router`` is answered once, after its handler: handlers set
    ``callback_answer.text`` / ``.show_alert`` instead of calling ``callback.answer()``."""
    router.callback_query.middleware(AnswerAfterHandler())
