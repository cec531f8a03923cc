"""What must happen after any live change has committed, in one place.

The programme cache is dropped (the change came from this process), the reminder planner
is woken (reminders move with their sessions at once; the notice to followers waits for
the quiet period, as after a ``load``), and whoever follows the programme live (the
«Now / next» messages) is woken too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from bot.content.cache import ContentCache


class Planner(Protocol):
    def replan_soon(self) -> None: ...


class ChangeSignal:
    def __init__(self, cache: ContentCache, planner: Planner) -> None:
        self._cache = cache
        self._planner = planner
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def fire(self) -> None:
        self._cache.invalidate()
        self._planner.replan_soon()
        for listener in self._listeners:
            listener()
