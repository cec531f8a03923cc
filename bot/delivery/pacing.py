"""How fast the worker may start sends, counted as Telegram counts them.

``SendWindow`` spaces sends evenly and never lets more than ``Pace.sends`` start in any
``Pace.window``: the window is a little longer than the second Telegram counts over, so
requests that bunch on the wire by a few milliseconds still arrive within the limit
(at exactly 30.0/s the receiving end saw 31 in some seconds). ``AdaptiveRate`` decides the
rate: the configured one until Telegram answers 429, then what it accepted, probed back up
slowly. Times are the event loop's monotonic seconds.
"""

from __future__ import annotations

import collections
import math
from dataclasses import dataclass

MAX_WINDOW_SENDS = 1000
"""Paid broadcast's ceiling; above it the window only sets the cadence."""


@dataclass(frozen=True, slots=True)
class PacingRule:
    """The margin of the window and how the rate adapts to 429s (README, «Delivery»)."""

    margin: float = 0.04
    """The window is (1 + margin) s per ``rate`` sends: 30/s paces at 28.8/s."""
    quiet: float = 15.0
    """Seconds without 429 before the rate is probed one step higher."""
    longest_quiet: float = 240.0
    """The quiet period doubles while probes keep meeting 429 at one level, up to this."""
    step: float = 1.0
    """Messages per second gained by a probe, and lost at least by a 429."""


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

    def started_between(self, start: float, end: float) -> int:
        """Sends that started in ``[start, end)``."""
        return sum(1 for at in self._starts if start <= at < end)


class AdaptiveRate:
    """The rate Telegram takes from this bot, learnt from its 429s.

    A 429 cuts the rate to what Telegram accepted in the second before it (at least one
    step less, at most halved, never below 1/s); each quiet period without 429 then adds
    one step, up to the configured rate. A probe that meets a 429 within its quiet period
    and is cut back to the same level doubles the next quiet period, so a bot whose real
    limit is 20/s tries 21/s after 15 s, then 30 s, 60 s...; any other 429, or a probe
    that held, makes it 15 s again. A 429 for a send that started before the last cut
    changes nothing: it reports the same overload.
    """

    def __init__(self, configured: float, rule: PacingRule) -> None:
        self.configured = configured
        self.rate = configured
        self._rule = rule
        self._quiet = rule.quiet
        self._changed_at = -math.inf
        self._cut_at = -math.inf
        self._cut_to = math.inf

    def current(self, now: float) -> float:
        """The rate to pace at ``now``: one step up after each quiet period."""
        if self.rate < self.configured and now - self._changed_at >= self._quiet:
            if self.rate > self._cut_to:  # the last probe held: the limit has moved
                self._quiet = self._rule.quiet
            self.rate = min(self.configured, self.rate + self._rule.step)
            self._changed_at = now
        return self.rate

    def refused(self, started: float, now: float, accepted: int, retry_after: float) -> bool:
        """A 429 for the send that started at ``started``; ``accepted`` sends started in
        the second before it. True when it cut the rate."""
        if started < self._cut_at:
            return False
        rule, rate = self._rule, self.rate
        cut_to = max(min(1.0, self.configured), rate / 2, min(rate - rule.step, accepted))
        probe_failed = now - self._changed_at < self._quiet
        if probe_failed and abs(cut_to - self._cut_to) < rule.step:
            self._quiet = min(self._quiet * 2, rule.longest_quiet)
        else:
            self._quiet = rule.quiet
        self.rate = self._cut_to = cut_to
        self._cut_at = now
        self._changed_at = now + retry_after  # the quiet period counts from the resume
        return True


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

    def refused(self, started: float, now: float, retry_after: float) -> bool:
        """Telegram answered 429 at ``now`` to the send started at ``started``: pause every
        send for ``retry_after``. True when the rate was cut."""
        self.paused_until = max(self.paused_until, now + retry_after)
        accepted = self._window.started_between(started - 1.0, started)
        return self.rate.refused(started, now, accepted, retry_after)
