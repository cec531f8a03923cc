"""The delivery worker's pacing on a clock of its own, against a simulated Telegram.

``broadcast`` drives ``bot.delivery.pacing.Pacer`` exactly as ``Delivery._run`` and
``Delivery._send`` drive it (ask for the next start, sleep until it, start, learn the
answer), but the clock is a number this module moves: minutes of delivery take
milliseconds, and a seeded Telegram makes every run the same. Each answer comes
``LATENCY`` after its send started; Telegram judges a send when it arrives, half-way.
"""

from __future__ import annotations

import heapq
import math
import random
from dataclasses import dataclass, field
from typing import Protocol

from bench.pacing_figures import Call
from bot.delivery.pacing import Pacer, PacingRule
from tests.fake_bot_api.pacing import SlidingLimit

LATENCY = 0.01
"""About a loaded local fake's round trip, as in ``bench.broadcast``. Each 429 reaches the
bot this late, and that time counts as sending: at 30 ms the rate between pauses reads
about 92 % instead of 95 %."""


class Telegram(Protocol):
    def judge(self, at: float) -> float | None:
        """None when the send arriving at ``at`` is accepted, else its ``retry_after``."""


@dataclass
class Strays:
    """A ``share`` of sends answered 429 ``retry_after`` 1 at random until ``until``: a
    spike on Telegram's side, not the bot's rate."""

    share: float
    seed: int
    until: float = math.inf
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def judge(self, at: float) -> float | None:
        return 1.0 if at < self.until and self.rng.random() < self.share else None


@dataclass
class Limit:
    """A real limit the bot is not told, answered as the fake Bot API answers it."""

    per_second: int
    sliding: SlidingLimit = field(init=False)

    def __post_init__(self) -> None:
        self.sliding = SlidingLimit(self.per_second)

    def judge(self, at: float) -> float | None:
        wait = self.sliding.admit(at)
        return None if wait == 0 else float(max(1, math.ceil(wait)))


@dataclass
class Run:
    calls: list[Call]
    finished_at: float
    """When the last accepted send arrived."""
    rates: list[tuple[float, float]]
    """(moment, the pacer's rate) at every start."""


def broadcast(telegram: Telegram, count: int, rate: float = 30.0) -> Run:
    """``count`` messages, each to its own private chat, until every one is accepted."""
    pacer = Pacer(rate, PacingRule())
    now, remaining, seq = 0.0, count, 0
    answers: list[tuple[float, int, float, float | None]] = []
    calls: list[Call] = []
    rates: list[tuple[float, float]] = []
    while remaining or answers:
        start = pacer.next_start(now) if remaining else math.inf
        if answers and answers[0][0] <= start:
            at, _, started, retry_after = heapq.heappop(answers)
            now = max(now, at)
            if retry_after is None:
                pacer.sent(started)
            else:
                pacer.refused(started, now, retry_after)
                remaining += 1  # the worker retries it once the pause is over
        elif start > now:
            now = start
        else:
            pacer.started(now)
            rates.append((now, pacer.rate.rate))
            remaining -= 1
            retry_after = telegram.judge(now + LATENCY / 2)
            calls.append(Call(now + LATENCY / 2, 200 if retry_after is None else 429))
            seq += 1
            heapq.heappush(answers, (now + LATENCY, seq, now, retry_after))
    finished = max(call.at for call in calls if call.status == 200)
    return Run(calls, finished, rates)
