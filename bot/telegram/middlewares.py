"""Cross-cutting rules applied to every update before a handler sees it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from aiogram.types import User as TelegramUser
from aiogram.utils.i18n import I18nMiddleware

from bot.users.service import UserService
from bot.users.values import User

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UserMiddleware(BaseMiddleware):
    """Records who sent the update and hands handlers a ``user`` with their language."""

    def __init__(self, users: UserService) -> None:
        self._users = users

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        tg_user: TelegramUser | None = data.get("event_from_user")
        if tg_user is not None and not tg_user.is_bot:
            data["user"] = await self._users.seen(
                tg_user.id, tg_user.first_name, tg_user.username, tg_user.language_code
            )
        return await handler(event, data)


class LanguageMiddleware(I18nMiddleware):
    """Answers in the language chosen by (or guessed for) the user."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        user: User | None = data.get("user")
        return user.language if user is not None else self.i18n.default_locale
