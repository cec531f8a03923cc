"""What every feature's buttons share: bounded ids and one place that answers them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from aiogram import Router
from aiogram.types import TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer, CallbackAnswerMiddleware
from pydantic import Field

Id = Annotated[int, Field(ge=0, le=2**63 - 1)]
"""A store id in callback data. A forged one past SQLite's 64 bits fails validation, so
the button matches no handler and the fallback answers «this button is out of date»
instead of an OverflowError in the store."""

Count = Annotated[int, Field(ge=0, le=10_000)]
"""A page number or an amount in callback data."""


Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class AnswerUnlessFailed(CallbackAnswerMiddleware):
    """aiogram's answerer, except for a handler that raises: its query is left to the
    error handlers (the apology, or the refusal of a ``NotAllowedError``), which Telegram
    would refuse on a query already answered."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async def guarded(event: TelegramObject, data: dict[str, Any]) -> Any:
            try:
                return await handler(event, data)
            except Exception:
                answer = data.get("callback_answer")
                if isinstance(answer, CallbackAnswer) and not answer.answered:
                    answer.disable()
                raise

        return await super().__call__(guarded, event, data)


def answer_callbacks(router: Router) -> None:
    """Every button of ``router`` is answered once, after its handler (aiogram's
    middleware): handlers set ``callback_answer.text`` / ``.show_alert`` instead of
    calling ``callback.answer()`` themselves."""
    router.callback_query.middleware(AnswerUnlessFailed())
