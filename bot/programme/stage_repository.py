"""What organisers marked on stage: when a session really started or ended."""

from __future__ import annotations

import datetime as dt

from bot.store.codec import utc_text
from bot.store.unit_of_work import Database


class StageRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def started(self, session_id: int, now: dt.datetime) -> None:
        """Started now; an end marked before (a false start) is forgotten."""
        await self._db.execute(
            "INSERT INTO session_stage (session_id, started_at, ended_at, marked_at)"
            " VALUES (?, ?, NULL, ?) ON CONFLICT (session_id) DO UPDATE"
            " SET started_at = excluded.started_at, ended_at = NULL,"
            " marked_at = excluded.marked_at",
            (session_id, utc_text(now), utc_text(now)),
        )

    async def ended(self, session_id: int, now: dt.datetime) -> None:
        await self._db.execute(
            "INSERT INTO session_stage (session_id, started_at, ended_at, marked_at)"
            " VALUES (?, NULL, ?, ?) ON CONFLICT (session_id) DO UPDATE"
            " SET ended_at = excluded.ended_at, marked_at = excluded.marked_at",
            (session_id, utc_text(now), utc_text(now)),
        )

    async def clear(self, session_id: int) -> None:
        await self._db.execute("DELETE FROM session_stage WHERE session_id = ?", (session_id,))
