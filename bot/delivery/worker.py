"""The delivery worker: sends the outbox by lane, oldest first, within Telegram's limits.

The parts: ``buffer`` (queued rows by lane and the per-chat intervals), ``pacing`` (the
sliding window and the rate learnt from 429s), ``sending`` (one Bot API call and what its
answer means), ``recording`` (one writer of outcomes). This module runs them.

Pacing, pauses and back-off are measured on the event loop's monotonic time, not the
injected Clock: they are about the real Telegram server, which does not care what time
the bot believes it is. The Clock stamps the records (``sent_at``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot

from bot.delivery.buffer import SendBuffer
from bot.delivery.lanes import lane_for
from bot.delivery.messages import DeliveryProgress, Outgoing
from bot.delivery.outbox import NewRow, OutboxRepository, OutboxState, Outcome, QueuedRow
from bot.delivery.pacing import Pacer, PacingRule
from bot.delivery.recording import OutcomeWriter
from bot.delivery.sending import Result, Sender, Verdict
from bot.time.clock import Clock

log = logging.getLogger(__name__)

ERROR_WAIT = 1.0
"""Seconds before reading the outbox again after a failed read."""


@dataclass(frozen=True, slots=True)
class DeliveryLimits:
    """Telegram's limits and our retry policy; built from the settings."""

    rate: float = 30.0
    chat_interval: float = 1.0
    group_interval: float = 3.0
    max_attempts: int = 5
    retry_base: float = 1.0
    request_timeout: float = 15.0
    buffer: int = 1000
    """Rows held in memory per lane."""
    paid_broadcast: bool = False
    pacing: PacingRule = field(default_factory=PacingRule)


class Delivery:
    """The only sender of messages the bot sends on its own initiative.

    ``enqueue`` writes a batch durably, then the worker task (``start``/``stop`` with the
    bot) sends it. Handlers answering a user's own message answer directly instead.
    """

    def __init__(
        self, outbox: OutboxRepository, bot: Bot, clock: Clock, limits: DeliveryLimits
    ) -> None:
        self._outbox = outbox
        self._clock = clock
        self._limits = limits
        self._sender = Sender(bot, limits.request_timeout, limits.paid_broadcast)
        self._buffer = SendBuffer(limits.buffer, limits.chat_interval, limits.group_interval)
        self._pacer = Pacer(limits.rate, limits.pacing)
        self._writer = OutcomeWriter(outbox, self._buffer.drop_chats)
        self._wake = asyncio.Event()
        self._stopping = False
        self._worker: asyncio.Task[None] | None = None
        self._sending: set[asyncio.Task[None]] = set()

    # ------------------------------------------------------------------ public API

    async def enqueue(self, messages: Sequence[Outgoing], *, kind: str, key: str) -> int:
        """Write the messages to the outbox (once per kind/key/chat) and wake the worker.

        Returns how many were newly queued; repeating a kind/key queues nothing again.
        The kind decides the lane (``bot/delivery/lanes.py``).
        """
        rows = [
            NewRow(m.chat_id, m.text, _markup_json(m), m.media)
            for m in {m.chat_id: m for m in messages}.values()
        ]
        queued, _unreachable = await self._outbox.enqueue(kind, key, rows, self._clock.now())
        if queued:
            self._buffer.expect(lane_for(kind))
            self._wake.set()
        return queued

    async def progress(self, kind: str, key: str) -> DeliveryProgress:
        counts = await self._outbox.counts(kind, key)
        return DeliveryProgress(
            queued=counts[OutboxState.QUEUED],
            sent=counts[OutboxState.SENT],
            failed=counts[OutboxState.FAILED],
            unreachable=counts[OutboxState.UNREACHABLE],
            cancelled=counts[OutboxState.CANCELLED],
        )

    async def cancel(self, kind: str, key: str) -> int:
        """Stop what is not yet sent of a batch; messages already in flight still land."""
        cancelled = await self._outbox.cancel(kind, key)
        self._buffer.drop(lambda row: row.kind == kind and row.key == key)
        return cancelled

    def withdrawn(self, kind: str, chat_id: int, keys: Collection[str]) -> None:
        """Rows of ``kind`` for ``chat_id`` under ``keys`` left the outbox (the transaction
        that deleted them committed): forget them here too, so none held in memory goes
        out. One already in flight still lands."""
        gone = set(keys)
        self._buffer.drop(lambda r: r.kind == kind and r.chat_id == chat_id and r.key in gone)

    async def mark_unreachable(self, chat_id: int, reason: str) -> None:
        """The user blocked the bot (``my_chat_member``): stop sending to them at once."""
        await self._outbox.mark_unreachable(chat_id, reason, self._clock.now())
        self._buffer.drop_chats({chat_id})

    async def mark_reachable(self, chat_id: int) -> bool:
        return await self._outbox.mark_reachable(chat_id)

    async def health(self) -> dict[str, Any]:
        """For ``/healthz``: the worker runs; what it holds, its rate, whether 429 paused it."""
        running = self._worker is not None and not self._worker.done()
        paused = max(0.0, self._pacer.paused_until - asyncio.get_running_loop().time())
        return {
            "ok": running,
            "in_memory": len(self._buffer),
            "in_flight": len(self._sending),
            "paused_seconds": round(paused, 1),
            "rate": round(self._pacer.rate.rate, 1),
        }

    async def start(self) -> None:
        self._stopping = False
        self._buffer.restart()
        self._worker = asyncio.create_task(self._run(), name="delivery-worker")
        self._writer.start()

    async def stop(self) -> None:
        """Finish the sends in flight and record them; what is still queued waits in the store."""
        self._stopping = True
        self._wake.set()
        if self._worker is not None:
            await self._worker
            self._worker = None
        if self._sending:
            await asyncio.gather(*self._sending, return_exceptions=True)
        await self._writer.close()

    # ------------------------------------------------------------------ the worker

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._stopping:
            try:
                await self._buffer.refill(self._outbox)
            except Exception:
                log.exception("delivery: could not read the outbox; retrying")
                await self._sleep(ERROR_WAIT)
                continue
            now = loop.time()
            start = self._pacer.next_start(now)
            if start > now:  # a slot first, then the best row at that moment
                await self._sleep(start - now)
                continue
            row = self._buffer.next_ready(now)
            if row is None:
                moment = self._buffer.next_moment()
                await self._sleep(None if moment is None else max(moment - now, 0.0))
                continue
            self._pacer.started(now)
            self._buffer.sending(row, now)
            task = asyncio.create_task(self._send(row, now), name=f"delivery-send-{row.id}")
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)

    async def _sleep(self, seconds: float | None) -> None:
        """Until woken or ``seconds`` pass; a wake-up that came meanwhile is not lost."""
        try:
            async with asyncio.timeout(seconds):
                await self._wake.wait()
        except TimeoutError:
            pass
        self._wake.clear()

    async def _send(self, row: QueuedRow, started: float) -> None:
        verdict = await self._sender.attempt(row)
        attempts = row.attempts + 1
        match verdict.result:
            case Result.SENT:
                self._pacer.sent(started)
                self._finish(row, OutboxState.SENT, attempts, message_id=verdict.message_id)
            case Result.FLOOD:
                self._flood(row, started, verdict)
            case Result.UNREACHABLE:
                self._buffer.drop_chats({row.chat_id})
                self._finish(row, OutboxState.UNREACHABLE, attempts, error=verdict.error)
            case Result.REFUSED:
                self._finish(row, OutboxState.FAILED, attempts, error=verdict.error)
            case Result.TRANSIENT:
                self._transient(row, attempts, verdict.error or "")

    def _flood(self, row: QueuedRow, started: float, verdict: Verdict) -> None:
        """429, then retry this row. A private chat gets one message at a time, so its 429
        is the bot's total rate: pause every send (the pacer decides whether the rate is
        cut). A group's is that group's own limit (20 a minute): hold back only the group."""
        now = asyncio.get_running_loop().time()
        if row.chat_id < 0:  # groups and channels have negative ids
            until = now + verdict.retry_after
            log.info("delivery: 429 from group %s, held %ss", row.chat_id, verdict.retry_after)
            self._buffer.hold_chat(row.chat_id, until)
            self._buffer.retry_at(row, until)
            self._wake.set()
            return
        cut = self._pacer.refused(started, now, verdict.retry_after)
        log.warning(
            "delivery: 429, pausing all sends for %ss; %.1f msg/s%s",
            verdict.retry_after,
            self._pacer.rate.rate,
            " (cut: 429s repeat as at a limit)" if cut else "",
        )
        self._buffer.retry_at(row, self._pacer.paused_until)
        self._wake.set()

    def _transient(self, row: QueuedRow, attempts: int, error: str) -> None:
        """5xx, timeouts, network: back off and retry, a bounded number of times."""
        if attempts >= self._limits.max_attempts:
            log.error("delivery: message %s failed after %s attempts: %s", row.id, attempts, error)
            self._finish(row, OutboxState.FAILED, attempts, error=error)
            return
        delay = self._limits.retry_base * 2 ** (attempts - 1)
        log.warning(
            "delivery: message %s, attempt %s: %s; retry in %ss", row.id, attempts, error, delay
        )
        now = self._clock.now()
        self._writer.record(
            Outcome(row.id, row.chat_id, OutboxState.QUEUED, attempts, now, error=error)
        )
        retry = dataclasses.replace(row, attempts=attempts)
        self._buffer.retry_at(retry, asyncio.get_running_loop().time() + delay)
        self._wake.set()

    def _finish(
        self,
        row: QueuedRow,
        state: OutboxState,
        attempts: int,
        *,
        message_id: int | None = None,
        error: str | None = None,
    ) -> None:
        self._buffer.finish(row.id)
        if self._buffer.more_in_store:  # the worker may idle with a buffer full of sends
            self._wake.set()
        self._writer.record(
            Outcome(row.id, row.chat_id, state, attempts, self._clock.now(), message_id, error)
        )


def _markup_json(message: Outgoing) -> str | None:
    markup = message.reply_markup
    return None if markup is None else markup.model_dump_json(exclude_none=True)
