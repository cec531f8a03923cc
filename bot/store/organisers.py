"""Repository of the organisers added from chat (the settings list the founding ones)."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.store.codec import utc_text


class OrganiserRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def ids(self) -> set[int]:
        async with self._conn.execute("SELECT user_id FROM organisers") as cursor:
            return {row["user_id"] async for row in cursor}

    async def add(self, user_id: int, added_by: int, now: dt.datetime) -> bool:
        """True when the person was not an organiser yet."""
        cursor = await self._conn.execute(
            "INSERT INTO organisers (user_id, added_by, added_at) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id) DO NOTHING",
            (user_id, added_by, utc_text(now)),
        )
        await self._conn.commit()
        return cursor.rowcount == 1
