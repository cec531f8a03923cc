"""Repository of the people who talk to the bot."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.store.codec import utc_text


class UserRepository:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def touch(
        self,
        user_id: int,
        first_name: str,
        username: str | None,
        telegram_language: str | None,
        now: dt.datetime,
    ) -> str | None:
        """Record that the user was seen; returns the language they chose, if any."""
        async with self._conn.execute(
            """
            INSERT INTO users (id, first_name, username, telegram_language, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                first_name = excluded.first_name,
                username = excluded.username,
                telegram_language = excluded.telegram_language,
                last_seen = excluded.last_seen
            RETURNING language
            """,
            (user_id, first_name, username, telegram_language, utc_text(now), utc_text(now)),
        ) as cursor:
            row = await cursor.fetchone()
        await self._conn.commit()
        return None if row is None else row["language"]

    async def set_language(self, user_id: int, language: str) -> None:
        await self._conn.execute("UPDATE users SET language = ? WHERE id = ?", (language, user_id))
        await self._conn.commit()

    async def count(self) -> int:
        async with self._conn.execute("SELECT count(*) FROM users") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def languages(self, user_ids: list[int]) -> dict[int, tuple[str | None, str | None]]:
        """(chosen language, Telegram app language) of each known user among ``user_ids``."""
        if not user_ids:
            return {}
        marks = ", ".join("?" * len(user_ids))
        async with self._conn.execute(
            f"SELECT id, language, telegram_language FROM users WHERE id IN ({marks})",
            tuple(user_ids),
        ) as cursor:
            return {row["id"]: (row["language"], row["telegram_language"]) async for row in cursor}

    async def exists(self, user_id: int) -> bool:
        async with self._conn.execute("SELECT 1 FROM users WHERE id = ?", (user_id,)) as cursor:
            return await cursor.fetchone() is not None
