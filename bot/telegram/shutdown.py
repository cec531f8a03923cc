"""Knowing which updates are still being handled, so a shutdown can wait for them."""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

from bot.telegram.middlewares import Handler


class UpdateTracker(BaseMiddleware):
    """Counts updates in flight and remembers the highest update id handled.

    aiogram's polling starts one task per update and does not wait for them when it
    stops; the shutdown hook drains them through this tracker before the store closes.
    """

    def __init__(self) -> None:
        self._active = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self.last_update_id: int | None = None

    @property
    def active(self) -> int:
        return self._active

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        self._active += 1
        self._idle.clear()
        try:
            return await handler(event, data)
        finally:
            self._active -= 1
            if isinstance(event, Update):
                self.last_update_id = max(self.last_update_id or 0, event.update_id)
            if self._active == 0:
                self._idle.set()

    async def drain(self, timeout: float) -> int:  # noqa: ASYNC109
        """Wait until no update is in flight; returns how many were still running at the end."""
        await asyncio.sleep(0)  # let tasks created just before the stop enter the tracker
        try:
            async with asyncio.timeout(timeout):
                await self._idle.wait()
        except TimeoutError:
            return self._active
        return 0
