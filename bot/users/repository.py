"""Repository of the people who talk to the bot."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import NamedTuple

from bot.store.codec import utc_text
from bot.store.unit_of_work import Database
from bot.users.values import Role

# How stale ``last_seen`` may get: within it, a returning user costs no write at all.
TOUCH_INTERVAL = dt.timedelta(minutes=5)
CACHED_USERS = 50_000


class Stored(NamedTuple):
    """What the store remembers about a user beyond what Telegram tells us each time."""

    language: str | None
    role: Role
    delegation_id: int | None


@dataclass(frozen=True, slots=True)
class Visit:
    stored: Stored
    written: bool
    """False when the visit was answered from memory without touching the file."""
    unreachable: bool = False
    """The chat was marked unreachable (the user had blocked the bot): read with the
    upsert, so the usual visit costs one statement, not two."""


@dataclass(slots=True)
class _Seen:
    profile: tuple[str, str | None, str | None]
    stored: Stored
    written_at: dt.datetime


class UserRepository:
    def __init__(self, db: Database) -> None:
        self._db = db
        # The per-update upsert was the bot's hot spot (bench/throughput.py): users seen
        # recently with an unchanged profile are answered from memory. Every write to a
        # user's language or role goes through this repository and drops the user from it.
        self._seen: OrderedDict[int, _Seen] = OrderedDict()

    async def touch(
        self,
        user_id: int,
        first_name: str,
        username: str | None,
        telegram_language: str | None,
        now: dt.datetime,
    ) -> Visit:
        """Record that the user was seen; returns their chosen language and their role."""
        profile = (first_name, username, telegram_language)
        cached = self._seen.get(user_id)
        if cached and cached.profile == profile and now - cached.written_at < TOUCH_INTERVAL:
            return Visit(cached.stored, written=False)
        # One call to the connection thread: a commit by a concurrent handler can no longer
        # land between the upsert's steps ("cannot commit - SQL statements in progress").
        rows = await self._db.execute_fetchall(
            """
            INSERT INTO users (id, first_name, username, telegram_language, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                first_name = excluded.first_name,
                username = excluded.username,
                telegram_language = excluded.telegram_language,
                last_seen = excluded.last_seen
            RETURNING language, role, delegation_id,
                EXISTS (SELECT 1 FROM unreachable_chats WHERE chat_id = ?) AS unreachable
            """,
            (
                user_id,
                first_name,
                username,
                telegram_language,
                utc_text(now),
                utc_text(now),
                user_id,
            ),
        )
        row = next(iter(rows))  # an upsert with RETURNING always yields its row
        stored = Stored(row["language"], Role(row["role"]), row["delegation_id"])
        self._remember(user_id, _Seen(profile, stored, now))
        return Visit(stored, written=True, unreachable=bool(row["unreachable"]))

    def _remember(self, user_id: int, seen: _Seen) -> None:
        self._seen[user_id] = seen
        self._seen.move_to_end(user_id)
        if len(self._seen) > CACHED_USERS:
            self._seen.popitem(last=False)

    async def set_language(self, user_id: int, language: str) -> None:
        await self._db.execute("UPDATE users SET language = ? WHERE id = ?", (language, user_id))
        self._seen.pop(user_id, None)

    async def set_role(self, user_id: int, role: Role, delegation_id: int | None) -> None:
        """Inside an operation's transaction too: the remembered visit is dropped, not
        updated, so a role that is rolled back never stays in memory; the user's next
        update reads the row as it was committed."""
        await self._db.execute(
            "UPDATE users SET role = ?, delegation_id = ? WHERE id = ?",
            (role.value, delegation_id, user_id),
        )
        self._seen.pop(user_id, None)

    def forget(self, user_id: int) -> None:
        """An erased user (bot/privacy) is not answered from memory: their next update
        finds no row and they are greeted as someone new."""
        self._seen.pop(user_id, None)

    async def stored(self, user_id: int) -> Stored | None:
        async with self._db.execute(
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
        async with self._db.execute("SELECT id FROM users ORDER BY id") as cursor:
            return [row[0] for row in await cursor.fetchall()]

    async def ids_with_role(self, role: Role, delegation_id: int | None = None) -> list[int]:
        """Users of one role; for delegates optionally only those of one delegation."""
        query = "SELECT id FROM users WHERE role = ?"
        params: tuple[object, ...] = (role.value,)
        if delegation_id is not None:
            query += " AND delegation_id = ?"
            params += (delegation_id,)
        async with self._db.execute(query + " ORDER BY id", params) as cursor:
            return [row[0] for row in await cursor.fetchall()]

    async def roles(self) -> list[tuple[int, Role]]:
        """Every user's stored role, for the statistics (10,000 rows are a few ms)."""
        async with self._db.execute("SELECT id, role FROM users") as cursor:
            return [(row[0], Role(row[1])) async for row in cursor]

    async def count(self) -> int:
        async with self._db.execute("SELECT count(*) FROM users") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def languages(self, user_ids: list[int]) -> dict[int, tuple[str | None, str | None]]:
        """(chosen language, Telegram app language) of each known user among ``user_ids``."""
        if not user_ids:
            return {}
        marks = ", ".join("?" * len(user_ids))
        async with self._db.execute(
            f"SELECT id, language, telegram_language FROM users WHERE id IN ({marks})",
            tuple(user_ids),
        ) as cursor:
            return {row["id"]: (row["language"], row["telegram_language"]) async for row in cursor}

    async def exists(self, user_id: int) -> bool:
        async with self._db.execute("SELECT 1 FROM users WHERE id = ?", (user_id,)) as cursor:
            return await cursor.fetchone() is not None

    async def count_by_language(self) -> list[tuple[str | None, str | None, int]]:
        """``(chosen language, Telegram app language, users)`` for the statistics."""
        async with self._db.execute(
            "SELECT language, telegram_language, count(*) FROM users"
            " GROUP BY language, telegram_language"
        ) as cursor:
            return [(row[0], row[1], int(row[2])) async for row in cursor]

    async def count_seen_since(self, moment: dt.datetime) -> int:
        query = "SELECT count(*) FROM users WHERE last_seen >= ?"
        async with self._db.execute(query, (utc_text(moment),)) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def export_rows(self) -> AsyncIterator[tuple[object, ...]]:
        """Every user, oldest first, for ``python -m bot export users``."""
        async with self._db.execute(
            "SELECT id, first_name, username, language, telegram_language, first_seen,"
            " last_seen FROM users ORDER BY first_seen, id"
        ) as cursor:
            async for row in cursor:
                yield tuple(row)
