"""What chat edits left for a later ``load``: the file's values they overrode, and the
sessions added in chat (which are not the files' to remove).

Writes never commit: callers group them in ``store.transaction()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bot.store.codec import utc_text
from bot.store.unit_of_work import Database

Overrides = dict[str, dict[str, str | None]]
"""Session key → field → the file's value when the chat first edited that field."""


class OverrideRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self, key: str, values: dict[str, str | None], now: dt.datetime
    ) -> list[tuple[str, str]]:
        """Keep the file's value of each field a chat edit overrides; a field overridden
        already keeps the file's value from then. Returns the ``(key, field)`` pairs new."""
        created = []
        for name, file_value in values.items():
            cursor = await self._db.execute(
                "INSERT OR IGNORE INTO chat_overrides (session_key, field, file_value, at)"
                " VALUES (?, ?, ?, ?)",
                (key, name, file_value, utc_text(now)),
            )
            if cursor.rowcount:
                created.append((key, name))
        return created

    async def drop(self, pairs: Iterable[tuple[str, str]]) -> None:
        await self._db.executemany(
            "DELETE FROM chat_overrides WHERE session_key = ? AND field = ?", list(pairs)
        )

    async def drop_key(self, key: str) -> None:
        await self._db.execute("DELETE FROM chat_overrides WHERE session_key = ?", (key,))

    async def all(self) -> Overrides:
        rows = await self._db.execute_fetchall(
            "SELECT session_key, field, file_value FROM chat_overrides"
        )
        found: Overrides = {}
        for row in rows:
            found.setdefault(row[0], {})[row[1]] = row[2]
        return found

    async def of(self, key: str) -> dict[str, str | None]:
        rows = await self._db.execute_fetchall(
            "SELECT field, file_value FROM chat_overrides WHERE session_key = ?", (key,)
        )
        return {row[0]: row[1] for row in rows}

    # ------------------------------------------------------------ added in chat

    async def add_chat_session(self, key: str, now: dt.datetime) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO chat_sessions (session_key, added_at) VALUES (?, ?)",
            (key, utc_text(now)),
        )

    async def forget_chat_session(self, key: str) -> None:
        await self._db.execute("DELETE FROM chat_sessions WHERE session_key = ?", (key,))

    async def chat_session_keys(self) -> set[str]:
        rows = await self._db.execute_fetchall("SELECT session_key FROM chat_sessions")
        return {row[0] for row in rows}
