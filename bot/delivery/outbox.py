"""Repository of the delivery outbox and of the chats that cannot be reached.

``enqueue`` joins the caller's transaction, so the messages an operation queues commit
with the rest of its writes (or vanish with them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.delivery.lanes import Lane, lane_for
from bot.delivery.values import Media, MediaKind
from bot.store.codec import utc_text
from bot.store.unit_of_work import Database


class OutboxState(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class QueuedRow:
    id: int
    kind: str
    key: str
    chat_id: int
    text: str
    reply_markup: str | None
    attempts: int
    media: Media | None = None
    lane: Lane = Lane.PERSONAL


@dataclass(frozen=True, slots=True)
class NewRow:
    chat_id: int
    text: str
    reply_markup: str | None
    media: Media | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one send attempt came to; ``state`` QUEUED means «try again later»."""

    row_id: int
    chat_id: int
    state: OutboxState
    attempts: int
    at: dt.datetime
    message_id: int | None = None
    error: str | None = None


class OutboxRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def enqueue(
        self, kind: str, key: str, rows: Sequence[NewRow], now: dt.datetime
    ) -> tuple[int, int]:
        """Insert the rows not yet in the outbox; ``(queued, unreachable)`` newly written.

        Chats known to be unreachable get their row straight in the «unreachable» state,
        so reports count them and nothing is attempted. The lane follows from the kind.
        """
        lane = int(lane_for(kind))
        async with self._db.transaction():
            unreachable = await self._unreachable({row.chat_id for row in rows})
            counts = {OutboxState.QUEUED: 0, OutboxState.UNREACHABLE: 0}
            for state in counts:
                params = [
                    (
                        kind,
                        key,
                        r.chat_id,
                        r.text,
                        r.reply_markup,
                        None if r.media is None else r.media.kind.value,
                        None if r.media is None else r.media.file_id,
                        state.value,
                        utc_text(now),
                        lane,
                    )
                    for r in rows
                    if (r.chat_id in unreachable) == (state is OutboxState.UNREACHABLE)
                ]
                if params:
                    cursor = await self._db.executemany(
                        "INSERT OR IGNORE INTO outbox (kind, key, chat_id, text,"
                        " reply_markup, media_kind, media_file_id, state, queued_at, lane)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        params,
                    )
                    counts[state] = cursor.rowcount
        return counts[OutboxState.QUEUED], counts[OutboxState.UNREACHABLE]

    async def queued(self, after_id: int, limit: int, lane: Lane | None = None) -> list[QueuedRow]:
        """Queued rows oldest first, from the row after ``after_id``: of one lane, or all."""
        where = "state = 'queued' AND id > ?" + ("" if lane is None else " AND lane = ?")
        params = (after_id,) if lane is None else (after_id, int(lane))
        async with self._db.execute(
            "SELECT id, kind, key, chat_id, text, reply_markup, attempts, media_kind,"
            f" media_file_id, lane FROM outbox WHERE {where} ORDER BY id LIMIT ?",
            (*params, limit),
        ) as cursor:
            return [
                QueuedRow(
                    id=row[0],
                    kind=row[1],
                    key=row[2],
                    chat_id=row[3],
                    text=row[4],
                    reply_markup=row[5],
                    attempts=row[6],
                    media=None if row[7] is None else Media(MediaKind(row[7]), row[8]),
                    lane=Lane(row[9]),
                )
                async for row in cursor
            ]

    async def record(self, outcomes: Sequence[Outcome]) -> None:
        """Write a batch of send outcomes in one transaction.

        An UNREACHABLE outcome also marks its chat and drops the chat's other queued rows.
        """
        async with self._db.transaction():
            # A row cancelled (or marked unreachable) while its send was in flight keeps
            # that state unless the message did go out.
            await self._db.executemany(
                "UPDATE outbox SET state = ?1, attempts = ?2, sent_at = ?3, message_id = ?4,"
                " error = ?5 WHERE id = ?6 AND (state = 'queued' OR ?1 = 'sent')",
                [
                    (
                        o.state.value,
                        o.attempts,
                        utc_text(o.at) if o.state is OutboxState.SENT else None,
                        o.message_id,
                        o.error,
                        o.row_id,
                    )
                    for o in outcomes
                ],
            )
            for outcome in outcomes:
                if outcome.state is OutboxState.UNREACHABLE:
                    await self._mark_unreachable(
                        outcome.chat_id, outcome.error or "forbidden", outcome.at
                    )

    async def mark_unreachable(self, chat_id: int, reason: str, now: dt.datetime) -> None:
        async with self._db.transaction():
            await self._mark_unreachable(chat_id, reason, now)

    async def _mark_unreachable(self, chat_id: int, reason: str, now: dt.datetime) -> None:
        await self._db.execute(
            "INSERT INTO unreachable_chats (chat_id, since, reason) VALUES (?, ?, ?)"
            " ON CONFLICT (chat_id) DO NOTHING",
            (chat_id, utc_text(now), reason),
        )
        await self._db.execute(
            "UPDATE outbox SET state = 'unreachable', error = ?"
            " WHERE chat_id = ? AND state = 'queued'",
            (reason, chat_id),
        )

    async def mark_reachable(self, chat_id: int) -> bool:
        """Forget that the chat was unreachable; True when it was. Reads first: most are."""
        if not await self._unreachable({chat_id}):
            return False
        async with self._db.transaction():
            await self._db.execute("DELETE FROM unreachable_chats WHERE chat_id = ?", (chat_id,))
        return True

    async def is_unreachable(self, chat_id: int) -> bool:
        return bool(await self._unreachable({chat_id}))

    async def _unreachable(self, chat_ids: set[int]) -> set[int]:
        if not chat_ids:
            return set()
        if len(chat_ids) == 1:
            query, params = "SELECT chat_id FROM unreachable_chats WHERE chat_id = ?", [*chat_ids]
        else:  # the table is small; reading it whole beats a 5,000-item IN list
            query, params = "SELECT chat_id FROM unreachable_chats", []
        async with self._db.execute(query, params) as cursor:
            return {row[0] async for row in cursor} & chat_ids

    async def cancel(self, kind: str, key: str) -> int:
        """Cancel what is still queued of one batch; returns how many rows."""
        async with self._db.transaction():
            cursor = await self._db.execute(
                "UPDATE outbox SET state = 'cancelled'"
                " WHERE kind = ? AND key = ? AND state = 'queued'",
                (kind, key),
            )
        return int(cursor.rowcount)

    async def counts(self, kind: str, key: str) -> dict[OutboxState, int]:
        found = dict.fromkeys(OutboxState, 0)
        async with self._db.execute(
            "SELECT state, count(*) FROM outbox WHERE kind = ? AND key = ? GROUP BY state",
            (kind, key),
        ) as cursor:
            async for state, count in cursor:
                found[OutboxState(state)] = count
        return found

    async def totals(self) -> dict[tuple[str, OutboxState], int]:
        """Messages per kind and state over the whole outbox, for ``/stats``."""
        async with self._db.execute(
            "SELECT kind, state, count(*) FROM outbox GROUP BY kind, state"
        ) as cursor:
            return {(row[0], OutboxState(row[1])): int(row[2]) async for row in cursor}

    async def unreachable_count(self) -> int:
        async with self._db.execute("SELECT count(*) FROM unreachable_chats") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def withdraw(self, kind: str, chat_id: int, keys: Sequence[str]) -> list[str]:
        """Delete what is still queued of ``kind`` for one chat under ``keys``; returns the
        keys withdrawn. Deleted, not cancelled, so the key can be queued again (a reminder
        re-planned for a new lead, or followed again). Joins the caller's transaction.
        """
        if not keys:
            return []
        marks = ", ".join("?" * len(keys))
        rows = await self._db.execute_fetchall(
            "DELETE FROM outbox WHERE kind = ? AND chat_id = ? AND state = 'queued'"
            f" AND key IN ({marks}) RETURNING key",
            (kind, chat_id, *keys),
        )
        return [row[0] for row in rows]
