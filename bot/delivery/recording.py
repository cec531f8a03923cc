"""The one writer of send outcomes: many sends, few transactions.

Outcomes that pile up while a batch is written go in the next transaction, so the store
keeps up with far more than Telegram's rate. A batch that cannot be written is kept and
tried again: dropped, its rows would stay «queued» and be sent again after a restart.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from bot.delivery.outbox import OutboxRepository, OutboxState, Outcome

log = logging.getLogger(__name__)

ATTEMPTS_ON_CLOSE = 5
"""A closing writer gives up after this many failures, so a broken disk cannot hang the
shutdown."""
RETRY_SECONDS = 1.0


class OutcomeWriter:
    def __init__(
        self, outbox: OutboxRepository, on_unreachable: Callable[[set[int]], None]
    ) -> None:
        """``on_unreachable`` gets the chats an outcome marked unreachable, once written."""
        self._outbox = outbox
        self._on_unreachable = on_unreachable
        self._pending: list[Outcome] = []
        self._ready = asyncio.Event()
        self._closing = False
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._closing = False
        self._task = asyncio.create_task(self._run(), name="delivery-writer")

    def record(self, outcome: Outcome) -> None:
        self._pending.append(outcome)
        self._ready.set()

    async def close(self) -> None:
        """Write what is pending (no more outcomes may come), then stop."""
        self._closing = True
        self._ready.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def _run(self) -> None:
        failures = 0
        while True:
            await self._ready.wait()
            self._ready.clear()
            batch, self._pending = self._pending, []
            if batch:
                if await self._write(batch):
                    failures = 0
                else:
                    failures += 1
                    if not (self._closing and failures >= ATTEMPTS_ON_CLOSE):
                        self._pending[:0] = batch
                        await asyncio.sleep(RETRY_SECONDS)
                        self._ready.set()
                        continue
            if self._closing and not self._pending:
                return

    async def _write(self, batch: list[Outcome]) -> bool:
        try:
            await self._outbox.record(batch)
        except Exception:
            log.exception("delivery: could not record %s outcomes", len(batch))
            return False
        # Rows of a chat that just answered 403 may have been read from the store before
        # the outcome was written: drop them again now that it is.
        gone = {o.chat_id for o in batch if o.state is OutboxState.UNREACHABLE}
        if gone:
            self._on_unreachable(gone)
        return True
