"""Small pieces every feature's handlers share: editing in place and naming the zone."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup

from bot.content.models import Event
from bot.time.display import zone_label

log = logging.getLogger(__name__)


def unchanged(error: TelegramBadRequest) -> bool:
    """Telegram refuses an edit that changes nothing; for us that edit has succeeded."""
    return "message is not modified" in error.message


async def show(
    callback: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the pressed message's content, so navigation does not flood the chat.

    Falls back to a new message when the old one can no longer be edited (too old or
    deleted); an identical re-render (a double tap) is not an error.
    """
    message = callback.message
    if message is None or isinstance(message, InaccessibleMessage):
        await callback.bot.send_message(callback.from_user.id, text, reply_markup=markup)  # type: ignore[union-attr]
        return
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as error:
        if unchanged(error):
            return
        log.info("could not edit message %s: %s", message.message_id, error.message)
        await message.answer(text, reply_markup=markup)


async def edit_in_place(
    bot: Bot, chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None
) -> bool:
    """Edit a message the bot keeps up to date (a board, a live «now/next»); False when
    it can no longer be edited (deleted, too old, the bot blocked or removed)."""
    try:
        await bot.edit_message_text(
            text=text, chat_id=chat_id, message_id=message_id, reply_markup=markup
        )
    except TelegramForbiddenError:
        return False
    except TelegramBadRequest as error:
        if unchanged(error):
            return True
        log.info("message %s in chat %s: %s", message_id, chat_id, error.message)
        return False
    return True


def event_zone_label(event: Event, zone: ZoneInfo, at: dt.datetime, language: str) -> str:
    """The zone's human name from the data when the bot shows the event's own zone."""
    name = event.timezone_name if zone.key == event.timezone else None
    return zone_label(name, zone, at, language)
