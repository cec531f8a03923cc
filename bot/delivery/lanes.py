"""Priority lanes of the outbox: what must be punctual goes before what can wait.

A reminder or a programme change is worth nothing late, an answer to one person should not
wait behind a 5,000-recipient broadcast, and a broadcast can take the rest. The worker sends
the lowest lane first (oldest first within it); Telegram's limits hold across all lanes.
"""

from __future__ import annotations

from enum import IntEnum


class Lane(IntEnum):
    """Lower goes first. Stored in ``outbox.lane`` (migration 0007 uses the same rule)."""

    PUNCTUAL = 0
    """Reminders, programme change notices, day offers: they are about a moment."""
    PERSONAL = 1
    """Answers to one person (press notices) and any kind not named here."""
    BULK = 2
    """Broadcasts."""


# A kind's family is the part before the first dot: "press.request" is of "press".
_PUNCTUAL = frozenset(
    {"reminder", "notice", "offer", "day-offer", "cancelled", "added", "moved", "programme"}
)
_BULK = frozenset({"broadcast"})


def lane_for(kind: str) -> Lane:
    """The lane of an outbox kind: by its family, PERSONAL when the family is not listed."""
    family = kind.split(".", 1)[0]
    if family in _PUNCTUAL:
        return Lane.PUNCTUAL
    if family in _BULK:
        return Lane.BULK
    return Lane.PERSONAL
