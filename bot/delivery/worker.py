"""The delivery worker: sends the outbox oldest first within Telegram's limits.

Pacing, pauses and back-off are measured on the event loop's monotonic time, not the
injected Clock: they are about the real Telegram server, which does not care what time
the bot believes it is. The Clock stamps the records (``sent_at``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import heapq
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup, Message

from bot.delivery.messages import DeliveryProgress, Outgoing
from bot.delivery.outbox import NewRow, OutboxRepository, OutboxState, Outcome, QueuedRow
from bot.delivery.values import MediaKind
from bot.time.clock import Clock

log = logging.getLogger(__name__)


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
    paid_broadcast: bool = False


RECORD_ATTEMPTS_ON_STOP = 5


class Delivery:
    """The only sender of messages the bot sends on its own initiative.

    ``enqueue`` writes a batch durably, then the worker task (``start``/``stop`` with the
    bot) sends it. Handlers answering a user's own message answer directly instead.
    """

    def __init__(
        self, outbox: OutboxRepository, bot: Bot, clock: Clock, limits: DeliveryLimits
    ) -> None:
        self._outbox = outbox
        self._bot = bot
        self._clock = clock
        self._limits = limits
        self._ready: list[tuple[int, QueuedRow]] = []  # heap by row id: oldest first
        self._waiting: list[tuple[float, int, QueuedRow]] = []  # heap by the time it may go
        self._buffered: set[int] = set()
        self._last_loaded = 0
        self._more_in_store = True
        self._chat_free_at: dict[int, float] = {}
        self._paused_until = 0.0
        self._next_slot = 0.0
        self._wake = asyncio.Event()
        self._stopping = False
        self._worker: asyncio.Task[None] | None = None
        self._writer: asyncio.Task[None] | None = None
        self._sending: set[asyncio.Task[None]] = set()
        self._in_flight: dict[int, QueuedRow] = {}
        self._outcomes: list[Outcome] = []
        self._outcomes_ready = asyncio.Event()

    # ------------------------------------------------------------------ public API

    async def enqueue(self, messages: Sequence[Outgoing], *, kind: str, key: str) -> int:
        """Write the messages to the outbox (once per kind/key/chat) and wake the worker.

        Returns how many were newly queued; repeating a kind/key queues nothing again.
        """
        rows = [
            NewRow(m.chat_id, m.text, _markup_json(m.reply_markup), m.media)
            for m in {m.chat_id: m for m in messages}.values()
        ]
        queued, _unreachable = await self._outbox.enqueue(kind, key, rows, self._clock.now())
        if queued:
            self._more_in_store = True
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
        self._drop(lambda row: row.kind == kind and row.key == key)
        return cancelled

    async def mark_unreachable(self, chat_id: int, reason: str) -> None:
        """The user blocked the bot (``my_chat_member``): stop sending to them at once."""
        await self._outbox.mark_unreachable(chat_id, reason, self._clock.now())
        self._drop(lambda row: row.chat_id == chat_id)

    async def mark_reachable(self, chat_id: int) -> bool:
        return await self._outbox.mark_reachable(chat_id)

    async def health(self) -> dict[str, Any]:
        """For ``/healthz``: the worker runs; how much it holds and whether 429 paused it."""
        running = self._worker is not None and not self._worker.done()
        paused = max(0.0, self._paused_until - asyncio.get_running_loop().time())
        return {
            "ok": running,
            "in_memory": len(self._ready) + len(self._waiting),
            "in_flight": len(self._sending),
            "paused_seconds": round(paused, 1),
        }

    async def start(self) -> None:
        self._stopping = False
        self._more_in_store = True
        self._last_loaded = 0
        self._worker = asyncio.create_task(self._run(), name="delivery-worker")
        self._writer = asyncio.create_task(self._write_outcomes(), name="delivery-writer")

    async def stop(self) -> None:
        """Finish the sends in flight and record them; what is still queued waits in the store."""
        self._stopping = True
        self._wake.set()
        if self._worker is not None:
            await self._worker
        if self._sending:
            await asyncio.gather(*self._sending, return_exceptions=True)
        self._outcomes_ready.set()
        if self._writer is not None:
            await self._writer
        self._worker = self._writer = None
        self._ready.clear()
        self._waiting.clear()
        self._buffered.clear()

    # ------------------------------------------------------------------ the worker

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._stopping:
            try:
                await self._refill()
            except Exception:
                log.exception("delivery: could not read the outbox; retrying")
                await self._sleep(1.0)
                continue
            now = loop.time()
            row = self._next_ready(now)
            if row is None:
                await self._sleep(self._idle_wait(now))
                continue
            delay = self._next_slot - now
            if delay > 0:
                await asyncio.sleep(delay)
                now = loop.time()
            if now < self._paused_until:  # a 429 arrived while we waited for the slot
                heapq.heappush(self._ready, (row.id, row))
                continue
            interval = 1 / self._limits.rate
            # Keep the cadence through small timer overshoots; after idling, start afresh.
            late = now - self._next_slot
            self._next_slot = (self._next_slot if late < interval else now) + interval
            self._chat_free_at[row.chat_id] = now + self._interval(row.chat_id)
            self._in_flight[row.id] = row
            task = asyncio.create_task(self._send(row), name=f"delivery-send-{row.id}")
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

    async def _refill(self) -> None:
        room = self._limits.buffer - len(self._buffered)
        if not self._more_in_store or room < self._limits.buffer // 2:
            return
        self._more_in_store = False
        rows = await self._outbox.queued(self._last_loaded, room)
        for row in rows:
            self._last_loaded = max(self._last_loaded, row.id)
            if row.id not in self._buffered:
                self._buffered.add(row.id)
                heapq.heappush(self._ready, (row.id, row))
        if len(rows) == room:
            self._more_in_store = True

    def _next_ready(self, now: float) -> QueuedRow | None:
        if now < self._paused_until:
            return None
        while self._waiting and self._waiting[0][0] <= now:
            _at, _id, row = heapq.heappop(self._waiting)
            heapq.heappush(self._ready, (row.id, row))
        while self._ready:
            _id, row = heapq.heappop(self._ready)
            if row.id not in self._buffered:
                continue  # dropped (cancelled, unreachable)
            free_at = self._chat_free_at.get(row.chat_id, 0.0)
            if free_at > now:
                heapq.heappush(self._waiting, (free_at, row.id, row))
                continue
            return row
        return None

    def _idle_wait(self, now: float) -> float | None:
        moments = [self._paused_until] if self._paused_until > now else []
        if self._waiting:
            moments.append(self._waiting[0][0])
        return max(min(moments) - now, 0.0) if moments else None

    def _interval(self, chat_id: int) -> float:
        """Private chats take one message a second; groups (negative ids) 20 a minute."""
        return self._limits.group_interval if chat_id < 0 else self._limits.chat_interval

    def _drop(self, predicate: Callable[[QueuedRow], bool]) -> None:
        """Forget buffered rows (the store already changed their state); heaps skip them."""
        for _id, row in self._ready:
            if predicate(row):
                self._buffered.discard(row.id)
        for _at, _id2, row in self._waiting:
            if predicate(row):
                self._buffered.discard(row.id)
        for row in self._in_flight.values():  # lands if it lands, but is never retried
            if predicate(row):
                self._buffered.discard(row.id)

    def _drop_chats(self, chat_ids: set[int]) -> None:
        self._drop(lambda row: row.chat_id in chat_ids)

    def _retry_later(self, row: QueuedRow, at: float) -> None:
        heapq.heappush(self._waiting, (at, row.id, row))
        self._wake.set()

    async def _send(self, row: QueuedRow) -> None:
        try:
            await self._attempt(row)
        finally:
            self._in_flight.pop(row.id, None)

    async def _attempt(self, row: QueuedRow) -> None:
        attempts = row.attempts + 1
        loop = asyncio.get_running_loop()
        markup = (
            InlineKeyboardMarkup.model_validate_json(row.reply_markup) if row.reply_markup else None
        )
        try:
            message = await self._deliver(row, markup)
        except TelegramRetryAfter as error:
            # Flood control applies to the whole bot: pause every send, retry this one.
            resume = loop.time() + error.retry_after
            self._paused_until = max(self._paused_until, resume)
            log.warning("delivery: 429, pausing all sends for %ss", error.retry_after)
            self._retry_later(row, resume)
            return
        except TelegramForbiddenError as error:
            log.info("delivery: chat %s is unreachable: %s", row.chat_id, error.message)
            self._drop(lambda queued: queued.chat_id == row.chat_id)
            self._finish(row, OutboxState.UNREACHABLE, attempts, error=error.message)
            return
        except (TelegramBadRequest, TelegramEntityTooLarge) as error:
            log.error("delivery: message %s to %s refused: %s", row.id, row.chat_id, error)
            self._finish(row, OutboxState.FAILED, attempts, error=str(error))
            return
        except (TelegramServerError, TelegramNetworkError) as error:
            self._transient(row, attempts, str(error))
            return
        except TelegramAPIError as error:
            log.error("delivery: message %s to %s failed: %s", row.id, row.chat_id, error)
            self._finish(row, OutboxState.FAILED, attempts, error=str(error))
            return
        except Exception as error:
            log.exception("delivery: unexpected error sending message %s", row.id)
            self._transient(row, attempts, repr(error))
            return
        self._finish(row, OutboxState.SENT, attempts, message_id=message.message_id)

    async def _deliver(self, row: QueuedRow, markup: InlineKeyboardMarkup | None) -> Message:
        """One Bot API call: a text message, or the photo/document with the text as caption."""
        common = {
            "reply_markup": markup,
            "request_timeout": int(self._limits.request_timeout),
            # Paid broadcast lifts Telegram's 30/s limit (up to 1000/s), billed in Stars.
            "allow_paid_broadcast": True if self._limits.paid_broadcast else None,
        }
        media = row.media
        if media is None:
            return await self._bot.send_message(row.chat_id, row.text, **common)
        caption = row.text or None
        if media.kind is MediaKind.PHOTO:
            return await self._bot.send_photo(row.chat_id, media.file_id, caption=caption, **common)
        return await self._bot.send_document(row.chat_id, media.file_id, caption=caption, **common)

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
        retry = dataclasses.replace(row, attempts=attempts)
        self._record(
            Outcome(
                row.id, row.chat_id, OutboxState.QUEUED, attempts, self._clock.now(), error=error
            )
        )
        self._retry_later(retry, asyncio.get_running_loop().time() + delay)

    def _finish(
        self,
        row: QueuedRow,
        state: OutboxState,
        attempts: int,
        *,
        message_id: int | None = None,
        error: str | None = None,
    ) -> None:
        self._buffered.discard(row.id)
        if self._more_in_store:  # the worker may idle with a buffer full of sends in flight
            self._wake.set()
        self._record(
            Outcome(row.id, row.chat_id, state, attempts, self._clock.now(), message_id, error)
        )

    def _record(self, outcome: Outcome) -> None:
        self._outcomes.append(outcome)
        self._outcomes_ready.set()

    async def _write_outcomes(self) -> None:
        """One writer: outcomes that pile up while it writes go in the next transaction."""
        failures = 0
        while True:
            await self._outcomes_ready.wait()
            self._outcomes_ready.clear()
            batch, self._outcomes = self._outcomes, []
            if batch:
                try:
                    await self._outbox.record(batch)
                except Exception:
                    # Dropping them would leave sent rows «queued», sent again after a
                    # restart: keep them for the next attempt (a stopping bot gives up
                    # after a few, so a broken disk cannot hang the shutdown).
                    failures += 1
                    log.exception("delivery: could not record %s outcomes", len(batch))
                    if not (self._stopping and failures >= RECORD_ATTEMPTS_ON_STOP):
                        self._outcomes[:0] = batch
                        await asyncio.sleep(1.0)
                        self._outcomes_ready.set()
                        continue
                else:
                    failures = 0
                # Rows of a chat that just answered 403 may have been read from the store
                # before the outcome was written: drop them again now that it is.
                gone = {o.chat_id for o in batch if o.state is OutboxState.UNREACHABLE}
                if gone:
                    self._drop_chats(gone)
            if self._stopping and self._drained():
                return

    def _drained(self) -> bool:
        worker_done = self._worker is None or self._worker.done()
        return worker_done and not self._sending and not self._outcomes


def _markup_json(markup: InlineKeyboardMarkup | None) -> str | None:
    return None if markup is None else markup.model_dump_json(exclude_none=True)
