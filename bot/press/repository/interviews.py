"""Repository of interview requests, and of who gives interviews (from data/people.yaml)."""

from __future__ import annotations

import datetime as dt
import json

import aiosqlite

from bot.content.models import InterviewOffer, Text
from bot.press.interview_values import Interviewee, InterviewRequest, InterviewStatus
from bot.store.codec import required_text, text_json, utc_from, utc_text
from bot.store.unit_of_work import Database

_COLUMNS = (
    "id, journalist_id, person_key, person_name, topic, preferred, status, slot, reason,"
    " revision, updated_at"
)
_OPEN = "('new', 'proposed')"


class InterviewRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def interviewees(self) -> list[Interviewee]:
        """People who give interviews, in the data's order."""
        async with self._db.execute(
            "SELECT key, name, role, interviews FROM people"
            " WHERE interviews IS NOT NULL ORDER BY position"
        ) as cursor:
            return [_interviewee(row) async for row in cursor]

    async def add(
        self,
        journalist_id: int,
        person: Interviewee,
        topic: str,
        preferred: list[dt.datetime],
        now: dt.datetime,
    ) -> InterviewRequest:
        cursor = await self._db.run(
            "INSERT INTO interview_requests (journalist_id, person_key, person_name, topic,"
            " preferred, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                journalist_id,
                person.key,
                text_json(person.name),
                topic,
                json.dumps([utc_text(moment) for moment in preferred]),
                utc_text(now),
                utc_text(now),
            ),
        )
        found = await self.get(cursor.lastrowid or 0)
        assert found is not None
        return found

    async def get(self, request_id: int) -> InterviewRequest | None:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM interview_requests WHERE id = ?", (request_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _request(row)

    async def of_journalist(self, journalist_id: int) -> list[InterviewRequest]:
        """One journalist's requests, newest first."""
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM interview_requests WHERE journalist_id = ? ORDER BY id DESC",
            (journalist_id,),
        ) as cursor:
            return [_request(row) async for row in cursor]

    async def open_count(self, journalist_id: int) -> int:
        async with self._db.execute(
            "SELECT count(*) FROM interview_requests"
            f" WHERE journalist_id = ? AND status IN {_OPEN}",
            (journalist_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def open_oldest_first(self) -> list[InterviewRequest]:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM interview_requests WHERE status IN {_OPEN}"
            " ORDER BY created_at, id"
        ) as cursor:
            return [_request(row) async for row in cursor]

    async def decide(
        self,
        request: InterviewRequest,
        status: InterviewStatus,
        organiser: int | None,
        now: dt.datetime,
        *,
        slot: dt.datetime | None = None,
        reason: str | None = None,
    ) -> bool:
        """Moves a request on from the state it was read in (its revision); False when
        someone else moved it first, so two decisions never both count."""
        cursor = await self._db.run(
            "UPDATE interview_requests SET status = ?, slot = coalesce(?, slot), reason = ?,"
            " decided_by = coalesce(?, decided_by), revision = revision + 1, updated_at = ?"
            f" WHERE id = ? AND revision = ? AND status IN {_OPEN}",
            (
                status.value,
                utc_text(slot) if slot else None,
                reason,
                organiser,
                utc_text(now),
                request.id,
                request.revision,
            ),
        )
        return cursor.rowcount == 1


def _interviewee(row: aiosqlite.Row) -> Interviewee:
    offer = InterviewOffer.model_validate_json(row["interviews"])
    return Interviewee(
        key=row["key"],
        name=required_text(row["name"]),
        role=required_text(row["role"]),
        languages=tuple(offer.languages),
        illustrative=offer.illustrative,
    )


def _request(row: aiosqlite.Row) -> InterviewRequest:
    return InterviewRequest(
        id=row["id"],
        journalist_id=row["journalist_id"],
        person_key=row["person_key"],
        person_name=Text.model_validate_json(row["person_name"]),
        topic=row["topic"],
        preferred=tuple(utc_from(moment) for moment in json.loads(row["preferred"])),
        status=InterviewStatus(row["status"]),
        slot=utc_from(row["slot"]) if row["slot"] else None,
        reason=row["reason"],
        revision=row["revision"],
        updated_at=utc_from(row["updated_at"]),
    )
