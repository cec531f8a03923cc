"""A job run every few seconds by a task the app owns: started, stopped, failures logged.

Interim home of the press centre's «what is due now» job until it moves onto the shared
APScheduler (``Scheduler.run_every``) from the reminders work.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class PeriodicTask:
    def __init__(self, name: str, seconds: float, job: Callable[[], Awaitable[object]]) -> None:
        self._name = name
        self._seconds = seconds
        self._job = job
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Runs the job once now (so start-up catches up), then every ``seconds``."""
        await self._run_once()
        self._task = asyncio.create_task(self._loop(), name=self._name)

    async def stop(self) -> None:
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self._seconds)
            await self._run_once()

    async def _run_once(self) -> None:
        try:
            await self._job()
        except Exception:  # one failed run must not end the job; the next one retries
            log.exception("periodic job %s failed", self._name)
