"""How fast the worker may start sends, counted as Telegram counts them.

``SendWindow`` spaces sends evenly and never lets more than ``Pace.sends`` start in any
``Pace.window``: the window is a little longer than the second Telegram counts over, so
requests that bunch on the wire by a few milliseconds still arrive within the limit
(at exactly 30.0/s the receiving end saw 31 in some seconds). ``AdaptiveRate`` decides the
rate, as congestion control does where one loss is not a trend: the configured rate until
429s repeat as a real limit's do, then that limit, back up geometrically. ``Pacer`` puts
them together with the pause a 429 imposes. Times are the event loop's monotonic seconds.
"""

from __future__ import annotations

import bisect
import collections
import math
from dataclasses import dataclass

MAX_WINDOW_SENDS = 1000
"""Paid broadcast's ceiling; above it the window only sets the cadence."""


@dataclass(frozen=True, slots=True)
class PacingRule:
    """The margin of the window and how the rate adapts to 429s (docs/developers/delivery.md)."""

    margin: float = 0.04
    """The window is (1 + margin) s per ``rate`` sends: 30/s paces at 28.8/s."""
    trend: int = 3
    """429s in a row, alike and within ``window``, that reveal a limit (one is no trend)."""
    window: float = 10.0
    """Seconds within which 429s count as repeating; a busier second within it refutes."""
    tolerance: float = 0.05
    """Counts this share apart are alike (levels: at least one message apart)."""
    floor: float = 0.25
    """The rate never falls below this share of the configured one (at least 1/s)."""
    growth: float = 1.5
    """Each step back up multiplies the rate by this, up to the configured rate."""
    quiet: float = 5.0
    """Seconds between steps back up, while no limit is known."""
    probe: float = 60.0
    """Seconds at a known limit before probing above it; a probe that fails doubles it."""
    longest_probe: float = 240.0


@dataclass(frozen=True, slots=True)
class Pace:
    """At most ``sends`` starts in any ``window`` seconds, ``window / sends`` apart."""

    sends: int
    window: float

    @classmethod
    def of(cls, rate: float, margin: float) -> Pace:
        """Telegram counts whole messages: 20.7/s is 20 in a second, with the margin."""
        sends = max(1, min(MAX_WINDOW_SENDS, math.floor(rate)))
        return cls(sends, (1 + margin) * sends / rate)

    @property
    def interval(self) -> float:
        return self.window / self.sends


class SendWindow:
    """The moments sends started, and the cadence the next one keeps."""

    def __init__(self) -> None:
        self._starts: collections.deque[float] = collections.deque(maxlen=MAX_WINDOW_SENDS)
        self._next = 0.0

    def earliest(self, pace: Pace, now: float) -> float:
        """When the next send may start: on the cadence, and within the window's count."""
        at = max(now, self._next)
        if len(self._starts) >= pace.sends:
            at = max(at, self._starts[-pace.sends] + pace.window)
        return at

    def started(self, pace: Pace, at: float) -> None:
        """Record a start. The cadence survives a small timer overshoot (the window caps
        the catch-up); after idling it starts afresh."""
        late = at - self._next
        self._next = (self._next if late < pace.interval else at) + pace.interval
        self._starts.append(at)


@dataclass(frozen=True, slots=True)
class _Refusal:
    """A 429 that counted: when, after how many accepted sends since the previous one
    (the *run*), and how many were accepted in the second before it (the *level*)."""

    at: float
    run: int
    level: int


class AdaptiveRate:
    """The rate Telegram takes from this bot, learnt from 429s that repeat alike.

    Telegram answers stray 429s too (a spike on its side): they come after a random number
    of accepted sends, so one 429, or 429s that differ, cut nothing (the worker still
    pauses for ``retry_after``). A real limit refuses alike every time: after the pause
    its window is empty again, and it refuses the send past it. So ``trend`` 429s in a
    row within ``window`` seconds, each after as many accepted sends as the others (the
    *run*), while no second within the window carried more than they did, cut the rate
    to what was accepted in the second before them (the *level*), never below the floor,
    and make that level the known limit.

    Back up geometrically: every ``quiet`` seconds the rate grows by ``growth`` (to the
    known limit first), up to the configured rate. At a known limit it waits ``probe``
    seconds before trying above it; a probe refused at that limit goes straight back to
    it and doubles the wait; a second carrying more than the limit forgets it. Refused at
    the limit while pacing at it, the requests bunched on the wire (a busy machine): a
    step under it, for ``quiet`` seconds. A 429 for a send that started before the last
    one counted reports the same moment: ignored.
    """

    def __init__(self, configured: float, rule: PacingRule) -> None:
        self.configured = configured
        self.rate = configured
        self.floor = min(configured, max(1.0, rule.floor * configured))
        self.limit: float | None = None
        """The level 429s repeated at, until a busier second goes through."""
        self._rule = rule
        self._accepted: list[float] = []  # starts of accepted sends, in order
        self._levels: collections.deque[_Refusal] = collections.deque()
        self._counted_at = -math.inf
        self._changed_at = -math.inf
        self._probe = rule.probe
        self._probing = False

    def current(self, now: float) -> float:
        """The rate to pace at ``now``: a step up once its wait is over."""
        limit, rate = self.limit, self.rate
        if rate >= self.configured:
            return rate
        at_limit = limit is not None and rate >= limit
        if now - self._changed_at >= (self._probe if at_limit else self._rule.quiet):
            up = rate * self._rule.growth
            if limit is not None and not at_limit:
                up = min(up, limit)
            self.rate = min(self.configured, up)
            self._probing = at_limit
            self._changed_at = now
        return self.rate

    def sent(self, started: float) -> None:
        """Telegram accepted the send that started at ``started``."""
        accepted = self._accepted
        bisect.insort(accepted, started)
        old = bisect.bisect_left(accepted, started - self._rule.window - 1.0)
        if old > 64:
            del accepted[:old]
        limit = self.limit
        carried = 1 + self._between(started - 1.0, started)  # this one and those before it
        if limit is not None and carried > limit + self._slack(limit):
            self.limit = None  # a busier second went through: the limit moved up
            self._probe = self._rule.probe
            self._probing = False

    def refused(self, started: float, now: float, retry_after: float) -> bool:
        """A 429 at ``now`` for the send that started at ``started``. True when it cut."""
        if started < self._counted_at:
            return False
        run = self._between(max(self._counted_at, started - self._rule.window), started)
        level = self._between(started - 1.0, started)
        self._counted_at = now
        levels = self._levels
        levels.append(_Refusal(now, run, level))
        while levels[0].at < now - self._rule.window:
            levels.popleft()
        limit = self.limit
        if limit is not None and self.rate >= limit and self._same(level, limit):
            if self._probing:  # a probe failed: back to the limit, and wait longer
                self._probe = min(2 * self._probe, self._rule.longest_probe)
            else:  # the wire bunched sends past it: a step under it for a while
                limit -= self._slack(limit)
                if max(self.floor, limit) >= self.rate:
                    return False
        elif (revealed := self._trend(now)) is not None:
            limit = self.limit = revealed
            self._probe = self._rule.probe
        else:
            return False
        self.rate = max(self.floor, min(self.rate, limit))
        self._probing = False
        self._changed_at = now + retry_after  # the wait counts from the resume
        levels.clear()
        return True

    def _trend(self, now: float) -> int | None:
        """The level of a limit, when the last ``trend`` refusals reveal one: each after as
        many accepted sends as the others, each within a second of sending again (a
        sliding second's limit refuses while it fills), and no second within the window
        carried more."""
        rule = self._rule
        recent = list(self._levels)[-rule.trend :]
        if len(recent) < rule.trend:
            return None
        runs = [refusal.run for refusal in recent]
        low, high = min(r.level for r in recent), max(r.level for r in recent)
        alike = max(runs) - min(runs) <= rule.tolerance * min(runs)
        filling = all(r.run <= r.level + self._slack(r.level) for r in recent)
        busiest = self._busiest(now - rule.window)
        return low if alike and filling and busiest <= high + self._slack(high) else None

    def _same(self, level: float, limit: float) -> bool:
        return abs(level - limit) <= self._slack(limit)

    def _slack(self, level: float) -> float:
        return max(1.0, self._rule.tolerance * level)

    def _between(self, start: float, end: float) -> int:
        """Accepted sends that started in ``[start, end)``."""
        accepted = self._accepted
        return bisect.bisect_left(accepted, end) - bisect.bisect_left(accepted, start)

    def _busiest(self, since: float) -> int:
        """The most accepted sends in any second that started at or after ``since``."""
        accepted = self._accepted
        first = bisect.bisect_left(accepted, since)
        best = 0
        for last in range(first, len(accepted)):
            while accepted[last] - accepted[first] >= 1.0:
                first += 1
            best = max(best, last - first + 1)
        return best


class Pacer:
    """When the worker may start its next send: the window, the adaptive rate and the pause
    a 429 imposes, together. Pure (times are passed in), so a test can drive it on a clock
    of its own exactly as the worker drives it on the event loop's."""

    def __init__(self, configured: float, rule: PacingRule) -> None:
        self.rate = AdaptiveRate(configured, rule)
        self.paused_until = 0.0
        self._rule = rule
        self._window = SendWindow()
        self._pace = Pace.of(configured, rule.margin)

    def next_start(self, now: float) -> float:
        """The earliest moment (``now`` or later) the next send may start."""
        self._pace = Pace.of(self.rate.current(now), self._rule.margin)
        return max(self.paused_until, self._window.earliest(self._pace, now))

    def started(self, now: float) -> None:
        """A send starts at ``now`` (which ``next_start`` allowed)."""
        self._window.started(self._pace, now)

    def sent(self, started: float) -> None:
        """Telegram accepted the send started at ``started``."""
        self.rate.sent(started)

    def refused(self, started: float, now: float, retry_after: float) -> bool:
        """Telegram answered 429 at ``now`` to the send started at ``started``, for the
        bot's total rate (a private chat's): pause every send for ``retry_after``. True
        when the rate was cut."""
        self.paused_until = max(self.paused_until, now + retry_after)
        return self.rate.refused(started, now, retry_after)
