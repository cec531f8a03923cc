"""Daily summaries: one per meeting day, published by the organisers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.agenda.values import Day
from bot.store.holder import Store
from bot.summaries.values import Summary


@dataclass(frozen=True, slots=True)
class SummaryDay:
    day: Day
    published: bool


class SummaryService:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def days(self) -> list[SummaryDay]:
        published = await self._store.summaries.published_days()
        days = await self._store.programme.days()
        return [SummaryDay(day, day.date in published) for day in days]

    async def for_day(self, day: dt.date) -> Summary | None:
        return await self._store.summaries.for_day(day)
