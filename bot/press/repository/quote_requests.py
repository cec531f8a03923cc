"""Repository of journalists' quote requests and the press office's handling of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import aiosqlite

from bot.content.models import Text
from bot.press.values import QuoteRequest, RequestStatus, TargetKind
from bot.store.codec import required_text, text_json, utc_from, utc_text
from bot.store.unit_of_work import Database

_COLUMNS = (
    "id, journalist_id, target_kind, target_key, target_label, question, deadline, status,"
    " taken_by, answer, decline_reason, created_at, session_key"
)


class QuoteRequestRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(  # noqa: PLR0917  positional, as the stats exports' test calls it
        self,
        journalist_id: int,
        target_kind: TargetKind,
        target_key: str | None,
        target_label: Text,
        question: str,
        deadline: dt.datetime,
        now: dt.datetime,
        *,
        session_key: str | None = None,
    ) -> QuoteRequest:
        cursor = await self._db.run(
            "INSERT INTO quote_requests (journalist_id, target_kind, target_key, target_label,"
            " question, deadline, status, created_at, updated_at, session_key)"
            " VALUES (?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)",
            (
                journalist_id,
                target_kind.value,
                target_key,
                text_json(target_label),
                question,
                utc_text(deadline),
                utc_text(now),
                utc_text(now),
                session_key,
            ),
        )
        found = await self.get(cursor.lastrowid or 0)
        assert found is not None
        return found

    async def get(self, request_id: int) -> QuoteRequest | None:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM quote_requests WHERE id = ?", (request_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _request(row)

    async def of_journalist(self, journalist_id: int) -> list[QuoteRequest]:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM quote_requests WHERE journalist_id = ? ORDER BY id DESC",
            (journalist_id,),
        ) as cursor:
            return [_request(row) async for row in cursor]

    async def open_oldest_first(self) -> list[QuoteRequest]:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM quote_requests WHERE status IN ('new', 'taken')"
            " ORDER BY created_at, id"
        ) as cursor:
            return [_request(row) async for row in cursor]

    async def take(self, request_id: int, organiser: int, now: dt.datetime) -> bool:
        cursor = await self._db.run(
            "UPDATE quote_requests SET status = 'taken', taken_by = ?, updated_at = ?"
            " WHERE id = ? AND status = 'new'",
            (organiser, utc_text(now), request_id),
        )
        return cursor.rowcount == 1

    async def close(
        self,
        request_id: int,
        status: RequestStatus,
        organiser: int,
        text: str,
        now: dt.datetime,
    ) -> bool:
        """Answers or declines a request that is still open; False when it no longer is."""
        column = "answer" if status is RequestStatus.ANSWERED else "decline_reason"
        cursor = await self._db.run(
            f"UPDATE quote_requests SET status = ?, {column} = ?, taken_by = ?, updated_at = ?"
            " WHERE id = ? AND status IN ('new', 'taken')",
            (status.value, text, organiser, utc_text(now), request_id),
        )
        return cursor.rowcount == 1

    async def count_by_status(self) -> dict[RequestStatus, int]:
        async with self._db.execute(
            "SELECT status, count(*) FROM quote_requests GROUP BY status"
        ) as cursor:
            found = {RequestStatus(row[0]): int(row[1]) async for row in cursor}
        return {status: found.get(status, 0) for status in RequestStatus}

    async def export_rows(self) -> AsyncIterator[tuple[object, ...]]:
        """Every request with the journalist's accreditation, for the press office's CSV."""
        async with self._db.execute(
            "SELECT q.id, q.journalist_id, a.full_name, a.outlet, q.target_kind,"
            " json_extract(q.target_label, '$.ru'), q.question, q.deadline, q.status,"
            " q.taken_by, q.answer, q.decline_reason, q.created_at, q.updated_at"
            " FROM quote_requests q LEFT JOIN accreditations a"
            " ON a.user_id = q.journalist_id AND a.status = 'approved'"
            " ORDER BY q.id"
        ) as cursor:
            async for row in cursor:
                yield tuple(row)


def _request(row: aiosqlite.Row) -> QuoteRequest:
    return QuoteRequest(
        id=row["id"],
        journalist_id=row["journalist_id"],
        target_kind=TargetKind(row["target_kind"]),
        target_key=row["target_key"],
        target_label=required_text(row["target_label"]),
        question=row["question"],
        deadline=utc_from(row["deadline"]),
        status=RequestStatus(row["status"]),
        taken_by=row["taken_by"],
        answer=row["answer"],
        decline_reason=row["decline_reason"],
        created_at=utc_from(row["created_at"]),
        session_key=row["session_key"],
    )
