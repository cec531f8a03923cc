"""The programme's audit log: who changed what, when, from where, before → after.

One row per change (a delay that moves four sessions is one row with four edits),
written in the change's own transaction: a change that rolls back leaves no entry, and
no entry exists without its change. Writes never commit: callers group them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

import aiosqlite

from bot.content.models import Text
from bot.programme.values import Action, Edit, LogEntry, Source
from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database

EXPORT_HEADER = (
    "change",
    "at_utc",
    "source",
    "actor_id",
    "actor_name",
    "action",
    "session_key",
    "title_ru",
    "before_starts_utc",
    "before_ends_utc",
    "before_room_ru",
    "after_starts_utc",
    "after_ends_utc",
    "after_room_ru",
    "after_title_ru",
    "file_won",
    "undone_utc",
    "before_speakers_ru",
    "after_speakers_ru",
    "before_place",
    "after_place",
)

CANCELLATION = "cancellation"
_SAID_AS = {"starts_at": "time", "ends_at": "time", "cancelled": CANCELLATION}


def taken_back(file_won: Sequence[str]) -> tuple[str, ...]:
    """What a load took back from chat edits, as people name it, not as the store does:
    ``time`` for a start or an end, ``cancellation`` for a cancelled session the files
    changed (so it is back); ``room``, ``title``, ``description`` as they are."""
    return tuple(dict.fromkeys(_SAID_AS.get(name, name) for name in file_won))


@dataclass(frozen=True, slots=True)
class NewEntry:
    source: Source
    action: Action
    edits: Sequence[Edit]
    actor_id: int | None = None
    actor_name: str | None = None
    file_won: Sequence[str] = ()
    records: tuple[int, int] | None = None
    overrides: Sequence[tuple[str, str]] = ()
    undoes: int | None = None


class AuditRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, entry: NewEntry, now: dt.datetime) -> int:
        first, last = entry.records or (None, None)
        cursor = await self._db.execute(
            "INSERT INTO programme_log (at, source, actor_id, actor_name, action, edits,"
            " file_won, first_record, last_record, overrides, undoes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                utc_text(now),
                entry.source.value,
                entry.actor_id,
                entry.actor_name,
                entry.action.value,
                json.dumps([edit.data() for edit in entry.edits], ensure_ascii=False),
                json.dumps(list(entry.file_won)) if entry.file_won else None,
                first,
                last,
                json.dumps([list(pair) for pair in entry.overrides]),
                entry.undoes,
            ),
        )
        return int(cursor.lastrowid or 0)

    async def get(self, entry_id: int) -> LogEntry | None:
        rows = await self._db.execute_fetchall(
            "SELECT * FROM programme_log WHERE id = ?", (entry_id,)
        )
        return _entry(rows[0]) if rows else None

    async def mark_undone(self, entry_id: int, now: dt.datetime) -> bool:
        """False when it was undone already (two taps, two organisers)."""
        cursor = await self._db.execute(
            "UPDATE programme_log SET undone_at = ? WHERE id = ? AND undone_at IS NULL",
            (utc_text(now), entry_id),
        )
        return bool(cursor.rowcount > 0)

    async def count(self) -> int:
        rows = await self._db.execute_fetchall("SELECT count(*) FROM programme_log")
        return int(rows[0][0])

    async def page(self, offset: int, limit: int) -> list[LogEntry]:
        """Newest first."""
        rows = await self._db.execute_fetchall(
            "SELECT * FROM programme_log ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset)
        )
        return [_entry(row) for row in rows]

    async def export_rows(self) -> AsyncIterator[tuple[object, ...]]:
        """One row per session a change touched, oldest change first."""
        async with self._db.execute("SELECT * FROM programme_log ORDER BY id") as cursor:
            async for row in cursor:
                entry = _entry(row)
                for edit in entry.edits:
                    yield _export_row(entry, edit, row["undone_at"])


def _export_row(entry: LogEntry, edit: Edit, undone_at: str | None) -> tuple[object, ...]:
    before, after = edit.before, edit.after

    def moment(value: dt.datetime | None) -> str | None:
        return None if value is None else utc_text(value)

    return (
        entry.id,
        utc_text(entry.at),
        entry.source.value,
        entry.actor_id,
        entry.actor_name,
        entry.action.value,
        edit.key,
        edit.title.ru,
        moment(before.starts_at if before else None),
        moment(before.ends_at if before else None),
        before.room.ru if before else None,
        moment(after.starts_at if after else None),
        moment(after.ends_at if after else None),
        after.room.ru if after else None,
        after.title.ru if after else None,
        ",".join(taken_back(entry.file_won)) or None,
        undone_at,
        *_load_columns(edit),
    )


def _load_columns(edit: Edit) -> tuple[object, ...]:
    """Speakers before, after (in Russian); place in the day's list before, after (from 1)."""
    speakers = (None, None) if edit.speakers is None else tuple(map(_names, edit.speakers))
    place = (None, None) if edit.place is None else (edit.place[0] + 1, edit.place[1] + 1)
    return (*speakers, *place)


def _names(names: tuple[Text, ...]) -> str:
    return ", ".join(name.ru for name in names) or "—"


def _entry(row: aiosqlite.Row) -> LogEntry:
    first, last = row["first_record"], row["last_record"]
    return LogEntry(
        id=row["id"],
        at=utc_from(row["at"]),
        source=Source(row["source"]),
        actor_id=row["actor_id"],
        actor_name=row["actor_name"],
        action=Action(row["action"]),
        edits=tuple(Edit.from_data(data) for data in json.loads(row["edits"])),
        file_won=tuple(json.loads(row["file_won"])) if row["file_won"] else (),
        undone=row["undone_at"] is not None,
        undoes=row["undoes"],
        records=None if first is None else (int(first), int(last)),
        overrides=tuple((str(k), str(f)) for k, f in json.loads(row["overrides"] or "[]")),
    )
