"""Repository of the published daily summaries."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.domain import Summary
from bot.store.codec import required_text, utc_from


class SummaryRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def published_days(self) -> set[dt.date]:
        async with self._conn.execute("SELECT day FROM summaries") as cursor:
            return {dt.date.fromisoformat(row["day"]) async for row in cursor}

    async def for_day(self, day: dt.date) -> Summary | None:
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
