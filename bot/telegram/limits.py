"""How long anything people type may be: the bounds in one place, and their enforcement.

A handler that takes free text declares its bound with a flag,
``@router.message(Compose.content, flags={"max_length": limits.ANNOUNCEMENT})``; the
middleware below refuses longer text with a clear message before the handler runs, so
nothing is stored. Text that arrives another way (a button, a form field, a file) is
checked with ``too_long(text, limit)`` and answered with ``too_long_message``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.flags import get_flag
from aiogram.types import Message, TelegramObject
from aiogram.utils.i18n import ngettext

# Not bot.telegram.middlewares.Handler: services import this module, and that one imports services.
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

NAME = 64
"""A Telegram first name as the bot stores it: Telegram's own bound."""
ANNOUNCEMENT = 3500
"""An organiser's broadcast: leaves room for the header within Telegram's 4096 characters."""
DEFAULT_TEXT = 1000
"""Any text message whose handler declares no ``max_length`` flag."""


def too_long(text: str | None, limit: int) -> bool:
    return text is not None and len(text) > limit


def too_long_message(length: int, limit: int) -> str:
    return ngettext(
        "Your message is {count} character long; the limit here is {limit}. "
        "Please shorten it and send it again — nothing was saved.",
        "Your message is {count} characters long; the limit here is {limit}. "
        "Please shorten it and send it again — nothing was saved.",
        length,
    ).format(count=length, limit=limit)


class InputLimitMiddleware(BaseMiddleware):
    """Inner message middleware: reads the matched handler's ``max_length`` flag."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if isinstance(event, Message):
            limit = int(get_flag(data, "max_length", default=DEFAULT_TEXT))
            text = event.text if event.text is not None else event.caption
            if text is not None and too_long(text, limit):
                await event.answer(too_long_message(len(text), limit))
                return None
        return await handler(event, data)
