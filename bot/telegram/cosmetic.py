"""Start-up calls that only dress the bot: its command menus and its menu button.

A bot without them still answers every command, so their failure must not stop the start
(a 404 from ``getChatMenuButton`` once made the bot exit with a traceback). Each is tried
once, bounded by a timeout; a failure is logged as one warning and the call is retried in
the background with a growing pause (Telegram's ``retry_after`` respected), until it
succeeds or the bot stops. The retries are owned: ``stop()`` cancels and awaits them.
Only ``getMe`` (a bad token) and the store may stop the start: they are not cosmetic.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiogram.exceptions import TelegramAPIError, TelegramRetryAfter

log = logging.getLogger(__name__)

Call = Callable[[], Awaitable[None]]
GROWTH = 2.0


class CosmeticCalls:
    """``await calls.run("command menus", publish)`` at start-up; ``await calls.stop()`` at
    shutdown."""

    def __init__(
        self,
        *,
        timeout: float,
        first_pause: float,
        max_pause: float,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._timeout = timeout
        self._first_pause = first_pause
        self._max_pause = max_pause
        self._sleep = sleep  # tests record the pauses instead of waiting them out
        self._retries: dict[str, asyncio.Task[None]] = {}

    async def run(self, name: str, call: Call) -> None:
        """Try ``call`` now; on failure warn once and keep retrying it in the background."""
        error = await self._attempt(call)
        if error is None:
            return
        log.warning(
            "start-up call %s failed (%s); the bot serves without it and it is retried in "
            "the background",
            name,
            kind(error),
        )
        await _cancel([self._retries.pop(name)] if name in self._retries else [])
        task = asyncio.create_task(self._retry(name, call, error), name=f"cosmetic:{name}")
        self._retries[name] = task
        task.add_done_callback(lambda done: self._forget(name, done))

    @property
    def pending(self) -> list[str]:
        """The calls still being retried."""
        return sorted(self._retries)

    async def stop(self) -> None:
        """Cancel the retries still running and wait for them to end."""
        tasks = list(self._retries.values())
        self._retries.clear()
        await _cancel(tasks)

    async def _attempt(self, call: Call) -> Exception | None:
        try:
            async with asyncio.timeout(self._timeout):
                await call()
        except (TelegramAPIError, TimeoutError) as error:
            return error
        return None

    async def _retry(self, name: str, call: Call, error: Exception) -> None:
        pause = self._first_pause
        attempts = 1
        while True:
            await self._sleep(max(pause, retry_after(error)))
            attempts += 1
            failed = await self._attempt(call)
            if failed is None:
                log.info("start-up call %s succeeded at attempt %d", name, attempts)
                return
            error = failed
            log.info("start-up call %s failed again (%s)", name, kind(error))
            pause = min(pause * GROWTH, self._max_pause)

    def _forget(self, name: str, task: asyncio.Task[None]) -> None:
        if self._retries.get(name) is task:
            del self._retries[name]
        if not task.cancelled() and task.exception() is not None:
            log.error("retrying start-up call %s stopped", name, exc_info=task.exception())


async def _cancel(tasks: list[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def retry_after(error: Exception) -> float:
    return float(error.retry_after) if isinstance(error, TelegramRetryAfter) else 0.0


def kind(error: Exception) -> str:
    """What went wrong, without the request: the error's class and Telegram's description."""
    if isinstance(error, TimeoutError):
        return "no answer in time"
    if isinstance(error, TelegramAPIError):
        return f"{type(error).__name__}: {error.message}"
    return type(error).__name__
