"""Repository of the private calendar links: one hashed token per user."""

from __future__ import annotations

import datetime as dt

from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database


class CalendarFeedRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def replace(self, user_id: int, token_hash: str, now: dt.datetime) -> None:
        """The user's link is now this one; a link they had before stops working."""
        await self._db.run(
            "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET"
            " token_hash = excluded.token_hash, created_at = excluded.created_at",
            (user_id, token_hash, utc_text(now)),
        )

    async def remove(self, user_id: int) -> bool:
        result = await self._db.run("DELETE FROM calendar_feeds WHERE user_id = ?", (user_id,))
        return result.rowcount > 0

    async def owner(self, token_hash: str) -> int | None:
        rows = await self._db.execute_fetchall(
            "SELECT user_id FROM calendar_feeds WHERE token_hash = ?", (token_hash,)
        )
        return int(rows[0]["user_id"]) if rows else None

    async def created_at(self, user_id: int) -> dt.datetime | None:
        rows = await self._db.execute_fetchall(
            "SELECT created_at FROM calendar_feeds WHERE user_id = ?", (user_id,)
        )
        return utc_from(rows[0]["created_at"]) if rows else None
