"""Repository of the people who talk to the bot."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import aiosqlite

from bot.domain import Role
from bot.store.codec import utc_text


class Stored(NamedTuple):
    """What the store remembers about a user beyond what Telegram tells us each time."""

    language: str | None
    role: Role
    delegation_id: int | None


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
    ) -> Stored:
        """Record that the user was seen; returns their chosen language and their role."""
        async with self._conn.execute(
            """
            INSERT INTO users (id, first_name, username, telegram_language, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                first_name = excluded.first_name,
                username = excluded.username,
                telegram_language = excluded.telegram_language,
                last_seen = excluded.last_seen
            RETURNING language, role, delegation_id
            """,
            (user_id, first_name, username, telegram_language, utc_text(now), utc_text(now)),
        ) as cursor:
            row = await cursor.fetchone()
        await self._conn.commit()
        assert row is not None  # an upsert with RETURNING always yields its row
        return Stored(row["language"], Role(row["role"]), row["delegation_id"])

    async def set_language(self, user_id: int, language: str) -> None:
        await self._conn.execute("UPDATE users SET language = ? WHERE id = ?", (language, user_id))
        await self._conn.commit()

    async def count(self) -> int:
        async with self._conn.execute("SELECT count(*) FROM users") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def set_role(self, user_id: int, role: Role, delegation_id: int | None) -> None:
        await self._conn.execute(
            "UPDATE users SET role = ?, delegation_id = ? WHERE id = ?",
            (role.value, delegation_id, user_id),
        )
        await self._conn.commit()

    async def stored(self, user_id: int) -> Stored | None:
        async with self._conn.execute(
            "SELECT language, role, delegation_id FROM users WHERE id = ?", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return (
            None
            if row is None
            else Stored(row["language"], Role(row["role"]), row["delegation_id"])
        )

    async def ids(self) -> list[int]:
        """Everyone who ever wrote to the bot."""
        async with self._conn.execute("SELECT id FROM users ORDER BY id") as cursor:
            return [row[0] for row in await cursor.fetchall()]

    async def ids_with_role(self, role: Role, delegation_id: int | None = None) -> list[int]:
        """Users of one role; for delegates optionally only those of one delegation."""
        query = "SELECT id FROM users WHERE role = ?"
        params: tuple[object, ...] = (role.value,)
        if delegation_id is not None:
            query += " AND delegation_id = ?"
            params += (delegation_id,)
        async with self._conn.execute(query + " ORDER BY id", params) as cursor:
            return [row[0] for row in await cursor.fetchall()]
