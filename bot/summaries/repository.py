"""Repository of the published daily summaries."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.content.cache import ContentCache
from bot.content.models import Text
from bot.store.codec import required_text, text_json, utc_from, utc_text
from bot.store.unit_of_work import Database
from bot.summaries.values import Summary


class SummaryRepository:
    def __init__(self, db: Database, cache: ContentCache) -> None:
        self._db = db
        self._cache = cache

    async def published_days(self) -> set[dt.date]:
        return set(await self._cache.get("summary_days", self._published_days))

    async def for_day(self, day: dt.date) -> Summary | None:
        return await self._cache.get(("summary", day), lambda: self._for_day(day))

    async def _published_days(self) -> set[dt.date]:
        async with self._db.execute("SELECT day FROM summaries") as cursor:
            return {dt.date.fromisoformat(row["day"]) async for row in cursor}

    async def _for_day(self, day: dt.date) -> Summary | None:
        async with self._db.execute(
            "SELECT day, title, body, published_at FROM summaries WHERE day = ?",
            (day.isoformat(),),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _summary(row)

    async def publish_from_chat(
        self, day: dt.date, title: Text, body: Text, publication: str, now: dt.datetime
    ) -> bool:
        """Publishes (or replaces) the day's summary; False when this very draft is already in."""
        cursor = await self._db.run(
            "INSERT INTO summaries (day, title, body, published_at, origin, publication)"
            " VALUES (?, ?, ?, ?, 'chat', ?)"
            " ON CONFLICT (day) DO UPDATE SET title = excluded.title, body = excluded.body,"
            " published_at = excluded.published_at, origin = 'chat',"
            " publication = excluded.publication, pushed_at = NULL"
            " WHERE summaries.publication != excluded.publication",
            (day.isoformat(), text_json(title), text_json(body), utc_text(now), publication),
        )
        self._cache.invalidate()
        return cursor.rowcount == 1

    async def unpushed(self) -> list[tuple[Summary, str]]:
        """Published summaries not yet pushed to subscribers, with their publication id."""
        async with self._db.execute(
            "SELECT day, title, body, published_at, publication FROM summaries"
            " WHERE pushed_at IS NULL ORDER BY day"
        ) as cursor:
            return [(_summary(row), row["publication"]) async for row in cursor]

    async def mark_pushed(self, day: dt.date, publication: str, now: dt.datetime) -> None:
        await self._db.execute(
            "UPDATE summaries SET pushed_at = ? WHERE day = ? AND publication = ?",
            (utc_text(now), day.isoformat(), publication),
        )


def _summary(row: aiosqlite.Row) -> Summary:
    return Summary(
        day=dt.date.fromisoformat(row["day"]),
        title=required_text(row["title"]),
        body=required_text(row["body"]),
        published_at=utc_from(row["published_at"]),
    )
