"""A clock the tests move by hand instead of sleeping."""

from __future__ import annotations

import datetime as dt


class ManualClock:
    def __init__(self, start: dt.datetime) -> None:
        self._now = start.astimezone(dt.UTC)

    def now(self) -> dt.datetime:
        return self._now

    def set(self, moment: dt.datetime) -> None:
        self._now = moment.astimezone(dt.UTC)

    def advance(self, delta: dt.timedelta) -> None:
        self._now += delta
