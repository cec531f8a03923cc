"""Rates as the receiving end sees them: sliding-window counts and a hidden limit.

Telegram counts messages over a sliding second on its side of the wire, where requests
a client spaced evenly may arrive bunched. ``max_in_window`` measures what it would see;
``SlidingLimit`` is the undisclosed limit some bots meet (fewer than the 30/s documented),
answered with 429 only when it is exceeded.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable


def max_in_window(times: Iterable[float], window: float = 1.0) -> int:
    """The most moments that fall in any half-open window ``[t, t + window)``."""
    ordered = sorted(times)
    best = first = 0
    for last, moment in enumerate(ordered):
        while moment - ordered[first] >= window:
            first += 1
        best = max(best, last - first + 1)
    return best


class SlidingLimit:
    """At most ``limit`` accepted sends in any ``window`` seconds; the rest are refused."""

    def __init__(self, limit: int, window: float = 1.0) -> None:
        if limit < 1:
            raise ValueError("a hidden limit takes at least one send per window")
        self.limit = limit
        self.window = window
        self._accepted: collections.deque[float] = collections.deque()

    def admit(self, now: float) -> float:
        """0 when the send at ``now`` is accepted (and counted), else seconds until room."""
        accepted = self._accepted
        while accepted and now - accepted[0] >= self.window:
            accepted.popleft()
        if len(accepted) >= self.limit:
            return accepted[0] + self.window - now
        accepted.append(now)
        return 0.0
