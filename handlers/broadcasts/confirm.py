"""The preview and the go-ahead: the announcement exactly as recipients will get it,
then «Send», which ends the form and starts the broadcast."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.broadcasts.service import Draft
from bot.delivery.values import MediaKind
from bot.users.values import User
from handlers.broadcasts.callbacks import ComposeAction, compose_button
from handlers.broadcasts.draft import COMPOSE, CONFIRMED, DRAFT, Compose, CurrentDraft


async def send_preview(bot: Bot, chat_id: int, draft: Draft) -> None:
    if draft.media is None:
        await bot.send_message(chat_id, draft.text)
    elif draft.media.kind is MediaKind.PHOTO:
        await bot.send_photo(chat_id, draft.media.file_id, caption=draft.text or None)
    else:
        await bot.send_document(chat_id, draft.media.file_id, caption=draft.text or None)


async def preview(bot: Bot, user: User, state: FSMContext, draft: Draft) -> bool:
    """Send the preview; when Telegram refuses the announcement (bad markup, a file it no
    longer has), say so and reopen the announcement step. False then."""
    try:
        await send_preview(bot, user.id, draft)
    except TelegramBadRequest as error:
        await COMPOSE.reopen(state, DRAFT)
        await bot.send_message(
            user.id,
            _("Telegram refused this announcement ({error}). Send it again.").format(
                error=escape(error.message)
            ),
        )
        return False
    return True


async def send(
    callback: CallbackQuery, state: FSMContext, callback_answer: CallbackAnswer, **data: Any
) -> None:
    """«Send»: the form's last answer; its end starts the broadcast (``draft``)."""
    await COMPOSE.choose(
        callback, state, CONFIRMED, True, {**data, "callback_answer": callback_answer}
    )


def router() -> Router:
    router = Router(name="broadcasts.confirm")
    router.callback_query.register(
        send, compose_button(ComposeAction.SEND), StateFilter(Compose.confirm), CurrentDraft()
    )
    return router
