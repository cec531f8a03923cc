"""Writes of live programme changes on the sessions table, where the triggers see them.

Every write goes to ``sessions`` itself (update, insert, delete), so the reminders'
triggers record each change in ``session_changes`` within the caller's transaction, as
for a ``load``. Reads here are not cached: a change reads the programme afresh inside
its own transaction. Writes never commit: callers group them in ``store.transaction()``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

import aiosqlite

from bot.content.models import Text
from bot.programme.values import CancelledSession, Fields, Slot
from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database

_COLUMNS = "id, key, day, starts_at, ends_at, room, title, description, revision, position"


class EditRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ------------------------------------------------------------ reading

    async def slot(self, session_id: int) -> Slot | None:
        rows = await self._db.execute_fetchall(
            f"SELECT {_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        )
        return _slot(rows[0]) if rows else None

    async def day_slots(self, day: dt.date) -> list[Slot]:
        rows = await self._db.execute_fetchall(
            f"SELECT {_COLUMNS} FROM sessions WHERE day = ? ORDER BY starts_at, position",
            (day.isoformat(),),
        )
        return [_slot(row) for row in rows]

    async def days(self) -> list[dt.date]:
        rows = await self._db.execute_fetchall("SELECT date FROM days ORDER BY date")
        return [dt.date.fromisoformat(row[0]) for row in rows]

    async def rooms(self) -> list[Text]:
        """Every room of the programme, each once, in the order they first appear."""
        rows = await self._db.execute_fetchall(
            "SELECT room FROM sessions GROUP BY room ORDER BY min(starts_at)"
        )
        return [Text.model_validate_json(row[0]) for row in rows]

    async def row(self, session_id: int) -> dict[str, Any] | None:
        """The whole stored row, for keeping a cancelled session."""
        rows = await self._db.execute_fetchall("SELECT * FROM sessions WHERE id = ?", (session_id,))
        return dict(rows[0]) if rows else None

    async def all_rows(self) -> list[dict[str, Any]]:
        rows = await self._db.execute_fetchall("SELECT * FROM sessions")
        return [dict(row) for row in rows]

    async def speakers(self, session_id: int) -> list[int]:
        rows = await self._db.execute_fetchall(
            "SELECT person_id FROM session_speakers WHERE session_id = ? ORDER BY position",
            (session_id,),
        )
        return [int(row[0]) for row in rows]

    async def unused_session_id(self) -> int:
        """Above every id ever used (as ``ContentSync`` does), cancelled ones included."""
        rows = await self._db.execute_fetchall(
            "SELECT max(coalesce((SELECT max(id) FROM sessions), 0),"
            " coalesce((SELECT max(session_id) FROM session_changes), 0),"
            " coalesce((SELECT max(session_id) FROM subscriptions), 0),"
            " coalesce((SELECT max(session_id) FROM cancelled_sessions), 0))"
        )
        return int(rows[0][0] or 0) + 1

    async def next_position(self, day: dt.date) -> int:
        rows = await self._db.execute_fetchall(
            "SELECT coalesce(max(position), -1) + 1 FROM sessions WHERE day = ?",
            (day.isoformat(),),
        )
        return int(rows[0][0])

    # ------------------------------------------------------------ writing

    async def update(self, session_id: int, fields: Fields, now: dt.datetime) -> None:
        """A new version of the session: its revision (the calendar's SEQUENCE) goes up."""
        values = fields.row()
        assignments = ", ".join(f"{column} = ?" for column in values)
        await self._db.execute(
            f"UPDATE sessions SET {assignments}, revision = revision + 1, updated_at = ?"
            " WHERE id = ?",
            (*values.values(), utc_text(now), session_id),
        )

    async def insert(self, row: dict[str, Any], speakers: Sequence[int] = ()) -> None:
        columns = ", ".join(row)
        marks = ", ".join("?" * len(row))
        await self._db.execute(
            f"INSERT INTO sessions ({columns}) VALUES ({marks})", tuple(row.values())
        )
        await self._db.executemany(
            "INSERT INTO session_speakers (session_id, person_id, position) VALUES (?, ?, ?)",
            [(row["id"], person, index) for index, person in enumerate(speakers)],
        )

    async def delete(self, session_id: int) -> None:
        await self._db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    # ------------------------------------------------------------ cancelled sessions

    async def keep_cancelled(
        self,
        row: dict[str, Any],
        speakers: Sequence[int],
        file_row: dict[str, Any] | None,
        now: dt.datetime,
    ) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO cancelled_sessions"
            " (session_id, session_key, row, speakers, file_row, cancelled_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                row["id"],
                row["key"],
                json.dumps(row, ensure_ascii=False),
                json.dumps(list(speakers)),
                None if file_row is None else json.dumps(file_row, ensure_ascii=False),
                utc_text(now),
            ),
        )

    async def cancelled_row(self, session_id: int) -> tuple[dict[str, Any], list[int]] | None:
        """The stored row and speakers of a session cancelled in chat."""
        rows = await self._db.execute_fetchall(
            "SELECT row, speakers FROM cancelled_sessions WHERE session_id = ?", (session_id,)
        )
        if not rows:
            return None
        return json.loads(rows[0]["row"]), json.loads(rows[0]["speakers"])

    async def cancelled(self) -> list[CancelledSession]:
        rows = await self._db.execute_fetchall(
            "SELECT row, cancelled_at FROM cancelled_sessions ORDER BY cancelled_at DESC"
        )
        found = []
        for row in rows:
            data = json.loads(row["row"])
            found.append(
                CancelledSession(
                    session_id=int(data["id"]),
                    key=str(data["key"]),
                    day=dt.date.fromisoformat(data["day"]),
                    fields=Fields.from_row(data),
                    cancelled_at=utc_from(row["cancelled_at"]),
                )
            )
        return found

    async def cancelled_by_key(self) -> dict[str, dict[str, Any] | None]:
        """Key → the file's values when it was cancelled (None: it was added in chat)."""
        rows = await self._db.execute_fetchall(
            "SELECT session_key, file_row FROM cancelled_sessions"
        )
        return {row[0]: None if row[1] is None else json.loads(row[1]) for row in rows}

    async def forget_cancelled(self, session_id: int) -> None:
        await self._db.execute("DELETE FROM cancelled_sessions WHERE session_id = ?", (session_id,))

    async def forget_cancelled_key(self, key: str) -> None:
        await self._db.execute("DELETE FROM cancelled_sessions WHERE session_key = ?", (key,))

    # ------------------------------------------------------------ change records

    async def last_record(self) -> int:
        rows = await self._db.execute_fetchall("SELECT coalesce(max(id), 0) FROM session_changes")
        return int(rows[0][0])

    async def records(
        self, after: int, until: int | None, session_ids: Iterable[int]
    ) -> list[aiosqlite.Row]:
        """The change records of these sessions with ids in (``after``, ``until``]."""
        ids = list(session_ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return await self._db.execute_fetchall(
            "SELECT id, seen_at, handled_at FROM session_changes"
            f" WHERE id > ? AND id <= ? AND session_id IN ({marks})",
            (after, until if until is not None else 2**62, *ids),
        )

    async def drop_records(
        self, spans: Iterable[tuple[int, int | None]], session_ids: Iterable[int]
    ) -> None:
        """Delete these sessions' change records with ids in each (after, until]: a change
        taken back before anyone was told leaves nothing for the notices to find."""
        ids = list(session_ids)
        marks = ",".join("?" * len(ids))
        for after, until in spans:
            await self._db.execute(
                f"DELETE FROM session_changes WHERE id > ? AND id <= ? AND session_id IN ({marks})",
                (after, until if until is not None else 2**62, *ids),
            )

    # ------------------------------------------------------------ who is told

    async def follower_count(self, session_ids: Iterable[int]) -> int:
        ids = list(session_ids)
        if not ids:
            return 0
        marks = ",".join("?" * len(ids))
        rows = await self._db.execute_fetchall(
            f"SELECT count(DISTINCT user_id) FROM subscriptions WHERE session_id IN ({marks})",
            ids,
        )
        return int(rows[0][0])

    async def restore_audience(self, session_key: str, day: dt.date) -> tuple[int, int]:
        """Of a cancelled session: who followed it when it was cancelled and wants it back,
        and who follows its day and gets it as a new session (see ``suspended_follows``)."""
        rows = await self._db.execute_fetchall(
            "SELECT (SELECT count(*) FROM suspended_follows WHERE session_key = ? AND wanted),"
            " (SELECT count(*) FROM day_follows WHERE day = ? AND user_id NOT IN"
            "  (SELECT user_id FROM suspended_follows WHERE session_key = ?))",
            (session_key, day.isoformat(), session_key),
        )
        return int(rows[0][0]), int(rows[0][1])

    async def day_follower_count(self, day: dt.date) -> int:
        rows = await self._db.execute_fetchall(
            "SELECT count(*) FROM day_follows WHERE day = ?", (day.isoformat(),)
        )
        return int(rows[0][0])


def _slot(row: aiosqlite.Row) -> Slot:
    return Slot(
        id=row["id"],
        key=row["key"],
        day=dt.date.fromisoformat(row["day"]),
        fields=Fields.from_row(dict(row)),
        revision=row["revision"],
        position=row["position"],
    )
