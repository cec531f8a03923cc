"""Writes validated content into the store so that loading twice changes nothing.

Rows are matched by their data-file ``key``: a changed session keeps its numeric id
(subscriptions and buttons point at it) and gets its revision bumped; rows whose key
left the files are deleted, except press material an organiser published from chat.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.content.cache import ContentCache
from bot.content.models import Content, Day
from bot.content.models import Session as SessionEntry
from bot.store.codec import text_json, utc_text
from bot.store.unit_of_work import Database


class ChangeKind(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class SessionChange:
    """One session that a load added, changed or removed, with what it was and became."""

    kind: ChangeKind
    session_id: int
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


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


class ContentSync:
    def __init__(self, db: Database, cache: ContentCache) -> None:
        self._db = db
        self._cache = cache

    async def is_empty(self) -> bool:
        async with self._db.execute("SELECT count(*) FROM event") as cursor:
            row = await cursor.fetchone()
        return not row or row[0] == 0

    async def apply(self, content: Content, now: dt.datetime) -> SyncReport:
        """Make the store hold exactly ``content``, in one transaction."""
        async with self._db.transaction():
            report = await self._apply(content, now)
        self._cache.invalidate()
        return report

    async def _apply(self, content: Content, now: dt.datetime) -> SyncReport:
        report = SyncReport()
        await self._event(content)
        await self._upsert(
            "days",
            "date",
            {
                day.date.isoformat(): {"title": text_json(day.title)}
                for day in content.programme.days
            },
            report,
            prune=False,
        )
        delegation_ids = await self._upsert(
            "delegations",
            "key",
            {
                d.id: {
                    "kind": d.kind.value,
                    "name": text_json(d.name),
                    "country": text_json(d.country),
                    "attendance": d.attendance.value,
                    "observer": int(d.observer),
                    "about": text_json(d.about),
                    "position": position,
                }
                for position, d in enumerate(content.delegations)
            },
            report,
        )
        heads = {d.head for d in content.delegations if d.head}
        person_ids = await self._upsert(
            "people",
            "key",
            {
                p.id: {
                    "name": text_json(p.name),
                    "role": text_json(p.role),
                    "delegation_id": delegation_ids.get(p.delegation or ""),
                    "attendance": p.attendance.value,
                    "is_head": int(p.id in heads),
                    "position": position,
                }
                for position, p in enumerate(content.people)
            },
            report,
        )
        await self._sessions(content, person_ids, now, report)
        await self._prune_days(content, report)
        await self._upsert(
            "quotes",
            "key",
            {
                q.id: {
                    "person_id": person_ids[q.speaker],
                    "text": text_json(q.text),
                    "said_on": q.said_on.isoformat(),
                    "source": text_json(q.source),
                    "origin": "data",
                }
                for q in content.quotes
            },
            report,
        )
        zone = content.event.zone
        await self._upsert(
            "summaries",
            "day",
            {
                s.day.isoformat(): {
                    "title": text_json(s.title),
                    "body": text_json(s.body),
                    "origin": "data",
                }
                for s in content.summaries
            },
            report,
            inserted_only={"published_at": utc_text(now)},
        )
        await self._upsert(
            "press_releases",
            "key",
            {
                r.id: {
                    "title": text_json(r.title),
                    "body": text_json(r.body),
                    "published_at": utc_text(r.published_at.replace(tzinfo=zone)),
                    "embargo_until": (
                        utc_text(r.embargo_until.replace(tzinfo=zone)) if r.embargo_until else None
                    ),
                    "origin": "data",
                }
                for r in content.press_releases
            },
            report,
        )
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
        wanted: dict[str, dict[str, Any]],
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
        content: Content,
        person_ids: dict[str, int],
        now: dt.datetime,
        report: SyncReport,
    ) -> None:
        zone = content.event.zone
        existing = await self._rows("sessions", "key")
        next_id = await self._unused_session_id()
        speakers = await self._speaker_keys()
        for day in content.programme.days:
            for position, session in enumerate(day.sessions):
                values = _session_values(day, position, session, zone)
                wanted_speakers = [person_ids[key] for key in session.speakers]
                old = existing.pop(session.id, None)
                if old is None:
                    session_id, next_id = next_id, next_id + 1
                    await self._db.execute(
                        "INSERT INTO sessions (id, key, day, starts_at, ends_at, title, room,"
                        " description, times_illustrative, position, press, updated_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (session_id, session.id, *values.values(), utc_text(now)),
                    )
                    await self._set_speakers(session_id, wanted_speakers)
                    report.count("sessions", ChangeKind.ADDED)
                    report.session_changes.append(
                        SessionChange(ChangeKind.ADDED, session_id, session.id, None, values)
                    )
                    continue
                session_id = old["id"]
                before = {column: old[column] for column in values}
                same_speakers = speakers.get(session_id, []) == wanted_speakers
                if before == values and same_speakers:
                    continue
                assignments = ", ".join(f"{column} = ?" for column in values)
                await self._db.execute(
                    f"UPDATE sessions SET {assignments}, revision = revision + 1,"
                    " updated_at = ? WHERE id = ?",
                    (*values.values(), utc_text(now), session_id),
                )
                if not same_speakers:
                    await self._set_speakers(session_id, wanted_speakers)
                report.count("sessions", ChangeKind.UPDATED)
                report.session_changes.append(
                    SessionChange(ChangeKind.UPDATED, session_id, session.id, before, values)
                )
        for key, old in existing.items():
            await self._db.execute("DELETE FROM sessions WHERE id = ?", (old["id"],))
            report.count("sessions", ChangeKind.REMOVED)
            before = {column: old[column] for column in _SESSION_FIELDS}
            report.session_changes.append(
                SessionChange(ChangeKind.REMOVED, old["id"], key, before, None)
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

    async def _speaker_keys(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        async with self._db.execute(
            "SELECT session_id, person_id FROM session_speakers ORDER BY session_id, position"
        ) as cursor:
            async for row in cursor:
                found.setdefault(row["session_id"], []).append(row["person_id"])
        return found

    async def _set_speakers(self, session_id: int, person_ids: list[int]) -> None:
        await self._db.execute("DELETE FROM session_speakers WHERE session_id = ?", (session_id,))
        await self._db.executemany(
            "INSERT INTO session_speakers (session_id, person_id, position) VALUES (?, ?, ?)",
            [(session_id, person_id, index) for index, person_id in enumerate(person_ids)],
        )


_SESSION_FIELDS = (
    "day",
    "starts_at",
    "ends_at",
    "title",
    "room",
    "description",
    "times_illustrative",
    "position",
    "press",
)


def _session_values(
    day: Day, position: int, session: SessionEntry, zone: dt.tzinfo
) -> dict[str, Any]:
    def moment(hhmm: str) -> str:
        local = dt.datetime.combine(day.date, dt.time.fromisoformat(hhmm), tzinfo=zone)
        return utc_text(local)

    return {
        "day": day.date.isoformat(),
        "starts_at": moment(session.start),
        "ends_at": moment(session.end),
        "title": text_json(session.title),
        "room": text_json(session.room),
        "description": text_json(session.description),
        "times_illustrative": int(session.times_illustrative),
        "position": position,
        "press": session.press.value,
    }
