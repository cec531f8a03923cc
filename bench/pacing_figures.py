"""The pacing figures of issue 20, from the sends the fake Bot API recorded.

A broadcast meets stray 429s (a share of sendMessage answered 429 ``retry_after`` 1) for
its first seconds, then none. From the fake's calls (arrival moment and status) these
functions give: the rate while no 429 pause held, the pauses, and how long after the last
429 a sliding second at the fake held 90 % of the configured rate again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BACK = 0.9
"""The share of the configured rate that counts as «back»."""


@dataclass(frozen=True, slots=True)
class Call:
    """One sendMessage as the fake saw it: when it arrived and what it answered."""

    at: float
    status: int


@dataclass(frozen=True, slots=True)
class StrayFigures:
    sent_while_stray: int
    """Accepted sends up to the last 429's pause."""
    paused_s: float
    """The union of [429, 429 + retry_after] over every 429."""
    rate_between_pauses: float
    """Accepted sends up to the last 429's pause per second not paused."""
    answers_429: int
    recovery_s: float | None
    """From the last 429 to the end of the first sliding second at the fake with
    ``BACK`` of the configured rate; None when the broadcast ended (or was cut off) first."""


def paused_seconds(moments: Sequence[float], retry_after: float) -> float:
    """How long 429s held all sending: the union of [429, 429 + retry_after] windows."""
    total, until = 0.0, float("-inf")
    for moment in sorted(moments):
        end = moment + retry_after
        total += end - max(moment, until) if end > until else 0.0
        until = max(until, end)
    return total


def stray_figures(calls: Sequence[Call], configured: float, retry_after: float) -> StrayFigures:
    """The figures of a broadcast whose 429s all came before its stray phase ended."""
    refused = sorted(call.at for call in calls if call.status == 429)
    accepted = sorted(call.at for call in calls if call.status == 200)
    if not refused or not accepted:
        raise ValueError("a stray-429 run needs both refused and accepted sends")
    first, last_429 = min(accepted[0], refused[0]), refused[-1]
    paused = paused_seconds(refused, retry_after)
    stray_end = last_429 + retry_after
    while_stray = sum(1 for at in accepted if at <= stray_end)
    rate = while_stray / max(stray_end - first - paused, 1e-9)
    return StrayFigures(
        while_stray, paused, rate, len(refused), recovery(accepted, last_429, configured)
    )


def recovery(accepted: Sequence[float], since: float, configured: float) -> float | None:
    """Seconds from ``since`` to the end of the first sliding second after it that holds
    ``BACK`` of ``configured`` accepted sends (counted from ``since`` on)."""
    after = [at for at in accepted if at > since]
    need = max(1, int(BACK * configured + 0.999))
    for last in range(need - 1, len(after)):
        if after[last] - after[last - need + 1] < 1.0:
            return after[last] - since
    return None
