"""One Bot API call for one outbox row, and what its answer means for the row.

The call knows nothing of pacing or the store: ``attempt`` turns aiogram's exceptions
into a ``Verdict`` the worker acts on (record, retry, pause, drop the chat).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum, auto

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup, Message

from bot.delivery.outbox import QueuedRow
from bot.delivery.values import MediaKind

log = logging.getLogger(__name__)


class Result(Enum):
    SENT = auto()
    FLOOD = auto()
    """429: Telegram asks every send to wait ``retry_after``; not an attempt."""
    UNREACHABLE = auto()
    """403: blocked by the user or a deleted account."""
    REFUSED = auto()
    """400 and other API errors: sending again would fail the same way."""
    TRANSIENT = auto()
    """5xx, timeouts, network: worth another attempt later."""


@dataclass(frozen=True, slots=True)
class Verdict:
    result: Result
    message_id: int | None = None
    error: str | None = None
    retry_after: float = 0.0


class Sender:
    def __init__(self, bot: Bot, request_timeout: float, paid_broadcast: bool) -> None:
        self._bot = bot
        self._timeout = int(request_timeout)
        # Paid broadcast lifts Telegram's 30/s limit (up to 1000/s), billed in Stars.
        self._paid = True if paid_broadcast else None

    async def attempt(self, row: QueuedRow) -> Verdict:
        """Send the row once; never raises (but for cancellation)."""
        try:
            message = await self._deliver(row)
        except TelegramRetryAfter as error:
            return Verdict(Result.FLOOD, error=error.message, retry_after=error.retry_after)
        except Exception as error:  # every failure is judged: the worker must go on
            return _judge(row, error)
        return Verdict(Result.SENT, message_id=message.message_id)

    async def _deliver(self, row: QueuedRow) -> Message:
        """A text message, or the photo/document with the text as caption."""
        markup = (
            InlineKeyboardMarkup.model_validate_json(row.reply_markup) if row.reply_markup else None
        )
        bot, media = self._bot, row.media
        if media is None:
            return await bot.send_message(
                row.chat_id,
                row.text,
                reply_markup=markup,
                request_timeout=self._timeout,
                allow_paid_broadcast=self._paid,
            )
        caption = row.text or None
        if media.kind is MediaKind.PHOTO:
            return await bot.send_photo(
                row.chat_id,
                media.file_id,
                caption=caption,
                reply_markup=markup,
                request_timeout=self._timeout,
                allow_paid_broadcast=self._paid,
            )
        return await bot.send_document(
            row.chat_id,
            media.file_id,
            caption=caption,
            reply_markup=markup,
            request_timeout=self._timeout,
            allow_paid_broadcast=self._paid,
        )


def _judge(row: QueuedRow, error: Exception) -> Verdict:
    """What a failed call means for the row."""
    if isinstance(error, TelegramForbiddenError):
        log.info("delivery: chat %s is unreachable: %s", row.chat_id, error.message)
        return Verdict(Result.UNREACHABLE, error=error.message)
    # 413 is a TelegramNetworkError in aiogram, but sending it again changes nothing.
    transient = TelegramServerError | TelegramNetworkError
    if isinstance(error, transient) and not isinstance(error, TelegramEntityTooLarge):
        return Verdict(Result.TRANSIENT, error=str(error))
    if isinstance(error, TelegramAPIError):  # 400, 413 and the like: the same again
        log.error("delivery: message %s to %s refused: %s", row.id, row.chat_id, error)
        return Verdict(Result.REFUSED, error=str(error))
    log.error("delivery: unexpected error sending message %s", row.id, exc_info=error)
    return Verdict(Result.TRANSIENT, error=repr(error))
