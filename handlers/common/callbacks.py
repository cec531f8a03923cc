"""What every feature's buttons share: bounded ids and one place that answers them."""

from __future__ import annotations

from typing import Annotated

from aiogram import Router
from aiogram.utils.callback_answer import CallbackAnswerMiddleware
from pydantic import Field

Id = Annotated[int, Field(ge=0, le=2**63 - 1)]
"""A store id in callback data. A forged one past SQLite's 64 bits fails validation, so
the button matches no handler and the fallback answers «this button is out of date»
instead of an OverflowError in the store."""

Count = Annotated[int, Field(ge=0, le=10_000)]
"""A page number or an amount in callback data."""


def answer_callbacks(router: Router) -> None:
    """Every button of ``router`` is answered once, after its handler (aiogram's
    middleware): handlers set ``callback_answer.text`` / ``.show_alert`` instead of
    calling ``callback.answer()`` themselves."""
    router.callback_query.middleware(CallbackAnswerMiddleware())
