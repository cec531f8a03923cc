"""Repository of the people who talk to the bot."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Collection

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
        # One call to the connection thread: a commit by a concurrent handler can no longer
        # land between the upsert's steps ("cannot commit - SQL statements in progress").
        rows = await self._conn.execute_fetchall(
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
        )
        await self._conn.commit()
        return next(iter(rows))["language"] if rows else None

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

    async def count_by_language(self) -> list[tuple[str | None, str | None, int]]:
        """``(chosen language, Telegram app language, users)`` for the statistics."""
        async with self._conn.execute(
            "SELECT language, telegram_language, count(*) FROM users"
            " GROUP BY language, telegram_language"
        ) as cursor:
            return [(row[0], row[1], int(row[2])) async for row in cursor]

    async def count_among(self, user_ids: Collection[int]) -> int:
        """How many of these ids have talked to the bot (e.g. the organisers)."""
        if not user_ids:
            return 0
        marks = ",".join("?" * len(user_ids))
        query = f"SELECT count(*) FROM users WHERE id IN ({marks})"
        async with self._conn.execute(query, tuple(user_ids)) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def count_seen_since(self, moment: dt.datetime) -> int:
        query = "SELECT count(*) FROM users WHERE last_seen >= ?"
        async with self._conn.execute(query, (utc_text(moment),)) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def export_rows(self) -> AsyncIterator[tuple[object, ...]]:
        """Every user, oldest first, for ``python -m bot export users``."""
        async with self._conn.execute(
            "SELECT id, first_name, username, language, telegram_language, first_seen,"
            " last_seen FROM users ORDER BY first_seen, id"
        ) as cursor:
            async for row in cursor:
                yield tuple(row)
