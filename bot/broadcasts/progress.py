"""The loop that keeps each running broadcast's progress in view, then reports its end.

How progress is shown is not this module's business: a ``ProgressView`` (implemented by
``handlers/broadcasts/progress.py``, which edits the author's message) is handed in.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from typing import Protocol

from bot.broadcasts.service import BroadcastService, Report
from bot.broadcasts.values import BroadcastState

log = logging.getLogger(__name__)


class ProgressView(Protocol):
    async def show(self, report: Report) -> None:
        """Show where a broadcast stands; a finished one's report is shown once."""


class ProgressLoop:
    """One owned task, started and stopped with the bot.

    Every few seconds it reads the outbox counts of the broadcasts still sending and shows
    them; a broadcast with nothing left queued is shown as finished, then marked done.
    After a restart it picks up the broadcasts still sending (their state is in the store).
    """

    def __init__(self, broadcasts: BroadcastService, view: ProgressView, interval: float) -> None:
        self._broadcasts = broadcasts
        self._view = view
        self._interval = interval
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._stop.clear()
        self._task = asyncio.create_task(self._run(), name="broadcast-progress")

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def show(self, report: Report) -> None:
        """Show a report now (after a start or a cancel) instead of at the next tick."""
        await self._view.show(report)

    async def _run(self) -> None:
        while not self._stop.is_set():
            try:
                await self.tick()
            except Exception:
                log.exception("broadcast progress: could not update; trying again")
            try:
                async with asyncio.timeout(self._interval):
                    await self._stop.wait()
            except TimeoutError:
                pass

    async def tick(self) -> None:
        for report in await self._broadcasts.sending():
            if not report.finished:
                await self._view.show(report)
                continue
            # The report first: if it cannot be shown, the next tick tries again.
            done = dataclasses.replace(report.broadcast, state=BroadcastState.DONE)
            await self._view.show(Report(done, report.progress))
            await self._broadcasts.finish(report.broadcast)
