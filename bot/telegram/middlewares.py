"""Cross-cutting rules applied to every update before a handler sees it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import TelegramObject, Update
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
            data["user"] = await self._user(event, tg_user)
        return await handler(event, data)

    async def _user(self, event: TelegramObject, tg_user: TelegramUser) -> User:
        if isinstance(event, Update) and event.inline_query is not None:
            # Inline mode is used from any chat: a passer-by is not recorded as a user.
            return await self._users.passer_by(
                tg_user.id, tg_user.first_name, tg_user.language_code
            )
        return await self._users.seen(
            tg_user.id, tg_user.first_name, tg_user.username, tg_user.language_code
        )


class LanguageMiddleware(I18nMiddleware):
    """Answers in the language chosen by (or guessed for) the user."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        user: User | None = data.get("user")
        return user.language if user is not None else self.i18n.default_locale


class OneUpdatePerUser(BaseMiddleware):
    """Handles one user's updates one at a time, in the order they arrived.

    Updates are handled as concurrent tasks; without this a double tap on a button ran
    its handler twice side by side (two quote requests, two notices). Each user has a
    lock while they have an update in hand; it is forgotten when the last one finishes.

    aiogram's FSM middleware runs before this one and reads the user's form state into
    ``raw_state``, from which the route is chosen (the routing index, ``StateFilter``). An
    update that waited here would be routed by the state as it was *before* the update
    ahead of it finished: a message sent twice at a form's last step reached the form's
    handler after the form had closed. So the state is read again once the lock is held.
    """

    def __init__(self) -> None:
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        tg_user: TelegramUser | None = data.get("event_from_user")
        if tg_user is None:
            return await handler(event, data)
        key = tg_user.id
        lock, waiting = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, waiting + 1)
        try:
            async with lock:
                await _read_state_again(data)
                return await handler(event, data)
        finally:
            lock, waiting = self._locks[key]
            if waiting == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, waiting - 1)

    @property
    def users_in_hand(self) -> int:
        return len(self._locks)


async def _read_state_again(data: dict[str, Any]) -> None:
    context = data.get("state")
    if isinstance(context, FSMContext):
        data["raw_state"] = await context.get_state()
