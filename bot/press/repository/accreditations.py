"""Repository of journalists' accreditation applications and decisions."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import AsyncIterator

import aiosqlite

from bot.press.values import Accreditation, AccreditationForm, AccreditationStatus
from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database

_COLUMNS = "id, user_id, full_name, outlet, role, contact, status, applied_at"


class AccreditationRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def apply(
        self, user_id: int, form: AccreditationForm, now: dt.datetime
    ) -> Accreditation | None:
        """The new pending application, or None when one is already open (pending/approved)."""
        try:
            cursor = await self._db.run(
                "INSERT INTO accreditations (user_id, full_name, outlet, role, contact, status,"
                " applied_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)",
                (user_id, form.full_name, form.outlet, form.role, form.contact, utc_text(now)),
            )
        except sqlite3.IntegrityError:  # the statement is undone; a caller's transaction goes on
            return None
        return await self.get(cursor.lastrowid or 0)

    async def get(self, application_id: int) -> Accreditation | None:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM accreditations WHERE id = ?", (application_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _accreditation(row)

    async def latest_for(self, user_id: int) -> Accreditation | None:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM accreditations WHERE user_id = ? ORDER BY id DESC LIMIT 1",
            (user_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _accreditation(row)

    async def pending(self) -> list[Accreditation]:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM accreditations WHERE status = 'pending' ORDER BY id"
        ) as cursor:
            return [_accreditation(row) async for row in cursor]

    async def decide(
        self, application_id: int, status: AccreditationStatus, organiser: int, now: dt.datetime
    ) -> bool:
        """Records the decision only while the application is still pending."""
        cursor = await self._db.run(
            "UPDATE accreditations SET status = ?, decided_by = ?, decided_at = ?"
            " WHERE id = ? AND status = 'pending'",
            (status.value, organiser, utc_text(now), application_id),
        )
        return cursor.rowcount == 1

    async def is_accredited(self, user_id: int) -> bool:
        async with self._db.execute(
            "SELECT 1 FROM accreditations WHERE user_id = ? AND status = 'approved'", (user_id,)
        ) as cursor:
            return await cursor.fetchone() is not None

    async def accredited_ids(self) -> list[int]:
        async with self._db.execute(
            "SELECT user_id FROM accreditations WHERE status = 'approved' ORDER BY user_id"
        ) as cursor:
            return [row["user_id"] async for row in cursor]

    async def count_by_status(self) -> dict[AccreditationStatus, int]:
        async with self._db.execute(
            "SELECT status, count(*) FROM accreditations GROUP BY status"
        ) as cursor:
            found = {AccreditationStatus(row[0]): int(row[1]) async for row in cursor}
        return {status: found.get(status, 0) for status in AccreditationStatus}

    async def export_rows(self) -> AsyncIterator[tuple[object, ...]]:
        """Every application, oldest first, for ``python -m bot export accreditations``."""
        async with self._db.execute(
            "SELECT id, user_id, full_name, outlet, role, contact, status, applied_at,"
            " decided_at, decided_by FROM accreditations ORDER BY id"
        ) as cursor:
            async for row in cursor:
                yield tuple(row)


def _accreditation(row: aiosqlite.Row) -> Accreditation:
    return Accreditation(
        id=row["id"],
        user_id=row["user_id"],
        form=AccreditationForm(
            full_name=row["full_name"],
            outlet=row["outlet"],
            role=row["role"],
            contact=row["contact"],
        ),
        status=AccreditationStatus(row["status"]),
        applied_at=utc_from(row["applied_at"]),
    )
