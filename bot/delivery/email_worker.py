"""The email worker: the second channel of delivery, with its own lane, pace and retries.

It sends the email outbox oldest first over one SMTP connection, at most SMTP_RATE
messages a second, beside (never in the way of) the Telegram worker. Every outcome is
written before the next message starts, so a stop or a restart resumes where it left
off and sends nothing twice. A server that is down pauses the whole lane with growing
waits (capped), and nothing is given up; a 4xx for one message retries it with back-off;
a 5xx marks the address bouncing and tells the organisers once.

Pacing and back-off use the event loop's monotonic time (they are about the real
server); the injected Clock stamps the records and the Date header.
"""

from __future__ import annotations

import asyncio
import heapq
import logging
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.delivery.email_smtp import Answer, Verdict
from bot.email.values import Contact, Letter, QueuedEmail
from bot.email.wire import Envelope
from bot.store.holder import Store
from bot.time.clock import Clock

log = logging.getLogger(__name__)

ERROR_WAIT = 1.0
BATCH = 200
LETTERS_KEPT = 16


class Transport(Protocol):
    async def send(self, envelope: Envelope) -> Answer: ...

    async def close(self) -> None: ...


Address = Callable[[Letter, Contact, QueuedEmail], Envelope]
"""A stored letter addressed to one reader (``bot.email.wire.Composer``)."""

Bounced = Callable[[Contact], Awaitable[object]]
"""Tells the organisers about a refused address; joins the caller's transaction."""


@dataclass(frozen=True, slots=True)
class EmailLimits:
    rate: float = 5.0
    """Messages per second (SMTP_RATE)."""
    retry_base: float = 2.0
    """Seconds before the first retry; each further one waits twice as long."""
    longest_wait: float = 300.0
    max_attempts: int = 10
    """Temporary refusals (4xx) of one message before it is marked failed."""


class EmailDelivery:
    def __init__(
        self,
        store: Store,
        transport: Transport,
        address: Address,
        bounced: Bounced,
        clock: Clock,
        limits: EmailLimits,
    ) -> None:
        self._store = store
        self._transport = transport
        self._address = address
        self._bounced = bounced
        self._clock = clock
        self._limits = limits
        self._pending: deque[QueuedEmail] = deque()
        self._later: list[tuple[float, int, QueuedEmail]] = []
        self._letters: OrderedDict[int, Letter] = OrderedDict()
        self._paused_until = 0.0
        self._down = 0
        self._last_start = float("-inf")
        self._wake = asyncio.Event()
        self._stopping = False
        self._worker: asyncio.Task[None] | None = None

    @property
    def pauses(self) -> int:
        """Connection failures in a row: the server down counts up, a send resets it."""
        return self._down

    def wake(self) -> None:
        """New rows are in the outbox (queued or released from an embargo)."""
        self._wake.set()

    async def start(self) -> None:
        self._stopping = False
        self._pending.clear()
        self._later.clear()
        self._worker = asyncio.create_task(self._run(), name="email-worker")

    async def stop(self) -> None:
        """The message in hand is finished and recorded; the rest waits in the store."""
        self._stopping = True
        self._wake.set()
        if self._worker is not None:
            await self._worker
            self._worker = None
        await self._transport.close()

    async def health(self) -> dict[str, Any]:
        running = self._worker is not None and not self._worker.done()
        paused = max(0.0, self._paused_until - asyncio.get_running_loop().time())
        counts = await self._store.email_outbox.counts()
        return {"ok": running, "queued": counts.get("queued", 0), "paused_seconds": paused}

    async def _run(self) -> None:
        while not self._stopping:
            try:
                await self._step()
            except Exception:
                log.exception("email: could not go on; retrying")
                await self._sleep(ERROR_WAIT)

    async def _step(self) -> None:
        now = asyncio.get_running_loop().time()
        start = max(self._paused_until, self._last_start + 1 / self._limits.rate)
        if start > now:
            await self._sleep(start - now)
            return
        row = await self._next(now)
        if row is None:
            await self._sleep(self._later[0][0] - now if self._later else None)
            return
        self._last_start = now
        await self._send(row)

    async def _next(self, now: float) -> QueuedEmail | None:
        if self._later and self._later[0][0] <= now:
            return heapq.heappop(self._later)[2]
        if not self._pending:
            waiting = {entry[2].id for entry in self._later}
            after = 0
            while not self._pending:
                rows = await self._store.email_outbox.queued(after, BATCH)
                if not rows:
                    break
                self._pending.extend(row for row in rows if row.id not in waiting)
                after = rows[-1].id
        return self._pending.popleft() if self._pending else None

    async def _sleep(self, seconds: float | None) -> None:
        try:
            async with asyncio.timeout(seconds):
                await self._wake.wait()
        except TimeoutError:
            pass
        self._wake.clear()

    async def _send(self, row: QueuedEmail) -> None:
        contact = await self._store.email_contacts.get(row.contact_id)
        if contact is None or contact.unsubscribed or contact.bouncing:
            async with self._store.transaction():
                await self._store.email_outbox.drop_for(row.contact_id)
            return
        message = self._address(await self._letter(row.body_id), contact, row)
        answer = await self._transport.send(message)
        attempts = row.attempts + 1
        match answer.verdict:
            case Verdict.SENT:
                self._down = 0
                await self._store.email_outbox.sent(row.id, attempts, self._clock.now())
            case Verdict.DOWN:
                self._pause(row, answer.error)
            case Verdict.TEMPORARY:
                await self._temporary(row, attempts, answer.error)
            case Verdict.BOUNCED:
                await self._bounce(contact, answer.error)

    def _pause(self, row: QueuedEmail, error: str) -> None:
        """The server is out of reach: the whole lane waits, the message keeps its place."""
        self._down += 1
        wait = min(self._limits.retry_base * 2 ** (self._down - 1), self._limits.longest_wait)
        log.warning("email: server unavailable (%s); next try in %.1fs", error, wait)
        self._paused_until = asyncio.get_running_loop().time() + wait
        self._pending.appendleft(row)

    async def _temporary(self, row: QueuedEmail, attempts: int, error: str) -> None:
        if attempts >= self._limits.max_attempts:
            log.error("email: message %s failed after %s attempts: %s", row.id, attempts, error)
            await self._store.email_outbox.failed(row.id, attempts, error)
            return
        await self._store.email_outbox.retry(row.id, attempts, error)
        wait = min(self._limits.retry_base * 2 ** (attempts - 1), self._limits.longest_wait)
        at = asyncio.get_running_loop().time() + wait
        again = QueuedEmail(
            row.id, row.kind, row.key, row.contact_id, row.body_id, attempts, row.queued_at
        )
        heapq.heappush(self._later, (at, row.id, again))

    async def _bounce(self, contact: Contact, error: str) -> None:
        """Refused for good: the address is marked, what waits for it dropped, the
        organisers told (once: the mark and the notice are one transaction)."""
        log.warning("email: %s refused for good: %s", contact.id, error)
        async with self._store.transaction():
            if await self._store.email_contacts.mark_bouncing(contact.id, error, self._clock.now()):
                await self._bounced(contact)
            await self._store.email_outbox.bounced(contact.id, error)
        self._pending = deque(r for r in self._pending if r.contact_id != contact.id)
        self._later = [entry for entry in self._later if entry[2].contact_id != contact.id]
        heapq.heapify(self._later)

    async def _letter(self, body_id: int) -> Letter:
        letter = self._letters.get(body_id)
        if letter is None:
            letter = await self._store.email_outbox.letter(body_id)
            self._letters[body_id] = letter
            if len(self._letters) > LETTERS_KEPT:
                self._letters.popitem(last=False)
        self._letters.move_to_end(body_id)
        return letter
