"""Repository of the published daily summaries."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.domain import Summary
from bot.store.codec import required_text, utc_from
from bot.store.content_cache import ContentCache


class SummaryRepository:
    def __init__(self, conn: aiosqlite.Connection, cache: ContentCache) -> None:
        self._conn = conn
        self._cache = cache

    async def published_days(self) -> set[dt.date]:
        return set(await self._cache.get("summary_days", self._published_days))

    async def for_day(self, day: dt.date) -> Summary | None:
        return await self._cache.get(("summary", day), lambda: self._for_day(day))

    async def _published_days(self) -> set[dt.date]:
        async with self._conn.execute("SELECT day FROM summaries") as cursor:
            return {dt.date.fromisoformat(row["day"]) async for row in cursor}

    async def _for_day(self, day: dt.date) -> Summary | None:
        async with self._conn.execute(
            "SELECT day, title, body, published_at FROM summaries WHERE day = ?",
            (day.isoformat(),),
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        return Summary(
            day=dt.date.fromisoformat(row["day"]),
            title=required_text(row["title"]),
            body=required_text(row["body"]),
            published_at=utc_from(row["published_at"]),
        )
