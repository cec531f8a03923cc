"""Where the schedule sync stands: the export last applied, and a failing spell."""

from __future__ import annotations

import datetime as dt

from bot.store.codec import utc_text
from bot.store.unit_of_work import Database


class SyncStateRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def digest(self) -> str | None:
        return await self._value("digest")

    async def failing_since(self) -> str | None:
        return await self._value("failing_since")

    async def applied(self, digest: str, now: dt.datetime) -> None:
        await self._db.execute(
            "INSERT INTO schedule_sync (id, digest, applied_at) VALUES (1, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET digest = excluded.digest,"
            " applied_at = excluded.applied_at",
            (digest, utc_text(now)),
        )

    async def failing(self, problem: str, now: dt.datetime) -> None:
        await self._db.execute(
            "INSERT INTO schedule_sync (id, failing_since, problem) VALUES (1, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET failing_since = excluded.failing_since,"
            " problem = excluded.problem",
            (utc_text(now), problem),
        )

    async def recovered(self) -> None:
        await self._db.execute(
            "UPDATE schedule_sync SET failing_since = NULL, problem = NULL WHERE id = 1"
        )

    async def _value(self, column: str) -> str | None:
        rows = await self._db.execute_fetchall(f"SELECT {column} FROM schedule_sync WHERE id = 1")
        return None if not rows else rows[0][0]
