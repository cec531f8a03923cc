"""Writes validated content into the store so that loading twice changes nothing.

Rows are matched by their data-file ``key``: a changed session keeps its numeric id
(subscriptions and buttons point at it) and gets its revision bumped; rows whose key
left the files are deleted, except press material an organiser published from chat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from bot.content import rows
from bot.content.cache import ContentCache
from bot.content.models import Content, Text
from bot.store.codec import utc_text
from bot.store.unit_of_work import Database


class ChangeKind(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class SessionChange:
    """One session that a load added, changed or removed, with what it was and became;
    ``speakers``: their names before and after, when a changed session's speakers changed."""

    kind: ChangeKind
    session_id: int
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    speakers: tuple[tuple[Text, ...], tuple[Text, ...]] | None = None


@dataclass(slots=True)
class SyncReport:
    counts: dict[str, dict[ChangeKind, int]] = field(default_factory=dict)
    session_changes: list[SessionChange] = field(default_factory=list)

    def count(self, table: str, kind: ChangeKind) -> None:
        per_table = self.counts.setdefault(table, dict.fromkeys(ChangeKind, 0))
        per_table[kind] += 1

    @property
    def changed(self) -> bool:
        return any(any(per.values()) for per in self.counts.values())


class SessionPlan(Protocol):
    sessions: list[rows.SessionRow]
    """The sessions the store is to hold: the files' as the hook adjusted them."""

    async def record(self, changes: Sequence[SessionChange]) -> None:
        """Called with what the load changed, in the load's transaction."""
        ...


class SessionHook(Protocol):
    """Live changes made in chat, seen by a load (``bot.programme.reconcile``)."""

    async def plan(
        self, wanted: list[rows.SessionRow], source: str, now: dt.datetime
    ) -> SessionPlan: ...


class ContentSync:
    def __init__(self, db: Database, cache: ContentCache, hook: SessionHook | None = None) -> None:
        self._db = db
        self._cache = cache
        self._hook = hook

    async def is_empty(self) -> bool:
        async with self._db.execute("SELECT count(*) FROM event") as cursor:
            row = await cursor.fetchone()
        return not row or row[0] == 0

    async def apply(self, content: Content, now: dt.datetime, source: str = "load") -> SyncReport:
        """Make the store hold exactly ``content``, in one transaction; ``source`` names
        where it came from in the programme's audit log (``load``, ``sync``)."""
        async with self._db.transaction():
            report = await self._apply(content, now, source)
        self._cache.invalidate()
        return report

    async def _apply(self, content: Content, now: dt.datetime, source: str) -> SyncReport:
        """Parents before the rows pointing at them; days are pruned after their sessions."""
        report = SyncReport()
        await self._event(content)
        await self._upsert("days", "date", rows.days(content), report, prune=False)
        # Before the people change: a speaker the files dropped altogether is still named.
        speakers = _Speakers(await self._speakers())
        delegation_ids = await self._upsert("delegations", "key", rows.delegations(content), report)
        person_ids = await self._upsert(
            "people", "key", rows.people(content, delegation_ids), report
        )
        wanted = list(rows.sessions(content, person_ids))
        plan = None if self._hook is None else await self._hook.plan(wanted, source, now)
        speakers.names = await self._names()
        await self._sessions(wanted if plan is None else plan.sessions, now, report, speakers)
        if plan is not None:
            await plan.record(report.session_changes)
        await self._prune_days(content, report)
        await self._upsert("quotes", "key", rows.quotes(content, person_ids), report)
        await self._upsert(
            "summaries",
            "day",
            rows.summaries(content),
            report,
            inserted_only={"published_at": utc_text(now)},
        )
        await self._upsert("press_releases", "key", rows.press_releases(content), report)
        return report

    async def _event(self, content: Content) -> None:
        await self._db.execute(
            "INSERT INTO event (id, data) VALUES (1, ?)"
            " ON CONFLICT (id) DO UPDATE SET data = excluded.data",
            (content.event.model_dump_json(),),
        )

    async def _upsert(
        self,
        table: str,
        key_column: str,
        wanted: rows.Rows,
        report: SyncReport,
        *,
        inserted_only: dict[str, Any] | None = None,
        prune: bool = True,
    ) -> dict[str, int]:
        """Insert, update or delete rows of ``table`` to match ``wanted``; key → rowid."""
        existing = await self._rows(table, key_column)
        ids: dict[str, int] = {}
        for key, values in wanted.items():
            old = existing.pop(key, None)
            if old is None:
                row = {key_column: key, **values, **(inserted_only or {})}
                columns = ", ".join(row)
                marks = ", ".join("?" * len(row))
                cursor = await self._db.execute(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values())
                )
                ids[key] = cursor.lastrowid or 0
                report.count(table, ChangeKind.ADDED)
                continue
            ids[key] = old["_rowid"]
            if old.get("origin", "data") != "data":
                continue  # published from chat: a later load of the files does not undo it
            if any(old[column] != value for column, value in values.items()):
                assignments = ", ".join(f"{column} = ?" for column in values)
                await self._db.execute(
                    f"UPDATE {table} SET {assignments} WHERE rowid = ?",
                    (*values.values(), old["_rowid"]),
                )
                report.count(table, ChangeKind.UPDATED)
        for old in existing.values() if prune else ():
            if old.get("origin", "data") != "data":
                continue  # published from chat: not the files' to remove
            await self._db.execute(f"DELETE FROM {table} WHERE rowid = ?", (old["_rowid"],))
            report.count(table, ChangeKind.REMOVED)
        return ids

    async def _prune_days(self, content: Content, report: SyncReport) -> None:
        """Days go last: deleting one cascades to its sessions, which must be reported first."""
        wanted = {day.date.isoformat() for day in content.programme.days}
        for date in set(await self._rows("days", "date")) - wanted:
            await self._db.execute("DELETE FROM days WHERE date = ?", (date,))
            report.count("days", ChangeKind.REMOVED)

    async def _rows(self, table: str, key_column: str) -> dict[str, dict[str, Any]]:
        async with self._db.execute(f"SELECT rowid AS _rowid, * FROM {table}") as cursor:
            return {row[key_column]: dict(row) async for row in cursor}

    async def _sessions(
        self,
        wanted: Iterable[rows.SessionRow],
        now: dt.datetime,
        report: SyncReport,
        speakers: _Speakers,
    ) -> None:
        """Like ``_upsert``, but a session keeps its id for good and records each change."""
        existing = await self._rows("sessions", "key")
        next_id = await self._unused_session_id()
        stamp = utc_text(now)
        for row in wanted:
            old = existing.pop(row.key, None)
            if old is None:
                change: SessionChange | None = await self._add_session(next_id, row, stamp)
                next_id += 1
            else:
                change = await self._update_session(old, row, speakers, stamp)
            if change is not None:
                report.count("sessions", change.kind)
                report.session_changes.append(change)
        for key, old in existing.items():
            await self._db.execute("DELETE FROM sessions WHERE id = ?", (old["id"],))
            report.count("sessions", ChangeKind.REMOVED)
            before = {column: old[column] for column in rows.SESSION_FIELDS}
            report.session_changes.append(
                SessionChange(ChangeKind.REMOVED, old["id"], key, before, None)
            )

    async def _add_session(
        self, session_id: int, row: rows.SessionRow, stamp: str
    ) -> SessionChange:
        await self._db.execute(
            "INSERT INTO sessions (id, key, day, starts_at, ends_at, title, room,"
            " description, times_illustrative, position, press, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (session_id, row.key, *row.values.values(), stamp),
        )
        await self._set_speakers(session_id, row.speakers)
        return SessionChange(ChangeKind.ADDED, session_id, row.key, None, row.values)

    async def _update_session(
        self, old: dict[str, Any], row: rows.SessionRow, speakers: _Speakers, stamp: str
    ) -> SessionChange | None:
        """Bump the revision of a session whose fields or speakers changed; None if none did."""
        session_id: int = old["id"]
        before = {column: old[column] for column in row.values}
        changed_speakers = speakers.change(session_id, row.speakers)
        if before == row.values and changed_speakers is None:
            return None
        assignments = ", ".join(f"{column} = ?" for column in row.values)
        await self._db.execute(
            f"UPDATE sessions SET {assignments}, revision = revision + 1,"
            " updated_at = ? WHERE id = ?",
            (*row.values.values(), stamp, session_id),
        )
        if changed_speakers is not None:
            await self._set_speakers(session_id, row.speakers)
        return SessionChange(
            ChangeKind.UPDATED, session_id, row.key, before, row.values, changed_speakers
        )

    async def _unused_session_id(self) -> int:
        """Above every id ever used: subscriptions and change records outlive a removed
        session, and a new session taking its id would inherit its subscribers."""
        async with self._db.execute(
            "SELECT max(coalesce((SELECT max(id) FROM sessions), 0),"
            " coalesce((SELECT max(session_id) FROM session_changes), 0),"
            " coalesce((SELECT max(session_id) FROM subscriptions), 0))"
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0] if row else 0) + 1

    async def _speakers(self) -> dict[int, list[tuple[int, Text]]]:
        """Each session's speakers in order: person id and name."""
        found: dict[int, list[tuple[int, Text]]] = {}
        async with self._db.execute(
            "SELECT ss.session_id, ss.person_id, p.name FROM session_speakers ss"
            " JOIN people p ON p.id = ss.person_id ORDER BY ss.session_id, ss.position"
        ) as cursor:
            async for row in cursor:
                speaker = (row["person_id"], Text.model_validate_json(row["name"]))
                found.setdefault(row["session_id"], []).append(speaker)
        return found

    async def _names(self) -> dict[int, Text]:
        async with self._db.execute("SELECT id, name FROM people") as cursor:
            return {row["id"]: Text.model_validate_json(row["name"]) async for row in cursor}

    async def _set_speakers(self, session_id: int, person_ids: list[int]) -> None:
        await self._db.execute("DELETE FROM session_speakers WHERE session_id = ?", (session_id,))
        await self._db.executemany(
            "INSERT INTO session_speakers (session_id, person_id, position) VALUES (?, ?, ?)",
            [(session_id, person_id, index) for index, person_id in enumerate(person_ids)],
        )


@dataclass(slots=True)
class _Speakers:
    """Sessions' speakers as the store held them before the load, and people's names after."""

    before: dict[int, list[tuple[int, Text]]]
    names: dict[int, Text] = field(default_factory=dict)

    def change(
        self, session_id: int, person_ids: list[int]
    ) -> tuple[tuple[Text, ...], tuple[Text, ...]] | None:
        """The names before → after, or None when the speakers are the same."""
        old = self.before.get(session_id, [])
        if [person_id for person_id, _name in old] == person_ids:
            return None
        return tuple(name for _id, name in old), tuple(self.names[p] for p in person_ids)
