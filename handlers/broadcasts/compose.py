"""/broadcast: a new draft, the announcement step, discarding, and buttons of old drafts."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.telegram import limits
from handlers.broadcasts.callbacks import ComposeAction, ComposeCb, alert, compose_button
from handlers.broadcasts.draft import COMPOSE, Compose, CurrentDraft, refusal_for
from handlers.broadcasts.views import discarded, no_longer_open
from handlers.common.views import show


async def begin(message: Message, state: FSMContext, **data: Any) -> None:
    """A fresh draft; one still open is dropped."""
    await COMPOSE.begin(message, state, data)


async def not_an_announcement(message: Message, problem: str) -> None:
    """A sticker, an album, a caption too long: say what a broadcast can be."""
    await message.answer(problem)


async def discard(callback: CallbackQuery, state: FSMContext) -> None:
    await state.clear()
    await show(callback, discarded())


async def stale(_callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """A button of a draft that was sent, discarded or replaced by a newer one."""
    alert(callback_answer, no_longer_open())


def router() -> Router:
    """Register last among the broadcast routers: ``stale`` takes any compose button."""
    router = Router(name="broadcasts.compose")
    router.message.register(begin, Command("broadcast"))
    router.message.register(
        not_an_announcement,
        StateFilter(Compose.content),
        ~F.text.startswith("/"),
        F.func(refusal_for).as_("problem"),
        flags={"max_length": limits.ANNOUNCEMENT},
    )
    COMPOSE.register(router)
    router.callback_query.register(
        discard,
        compose_button(ComposeAction.DISCARD),
        StateFilter(Compose),
        CurrentDraft(),
    )
    router.callback_query.register(stale, ComposeCb.filter())
    return router
