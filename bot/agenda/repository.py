"""Repository of the programme: event, days, sessions and their speakers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import aiosqlite

from bot.agenda.values import Day, Session, Speaker
from bot.content.cache import ContentCache
from bot.content.models import Attendance, Event, PressAccess
from bot.store.codec import required_text, text_from, utc_from
from bot.store.unit_of_work import Database

_SESSION_COLUMNS = (
    "id, key, day, starts_at, ends_at, title, room, description, times_illustrative,"
    " revision, updated_at, press, stage.started_at AS marked_start,"
    " stage.ended_at AS marked_end"
)
_SESSIONS = "sessions LEFT JOIN session_stage stage ON stage.session_id = sessions.id"
"""Sessions with what organisers marked on stage (bot.programme.stage)."""


class ProgrammeRepository:
    def __init__(self, db: Database, cache: ContentCache) -> None:
        self._db = db
        self._cache = cache

    async def event(self) -> Event | None:
        return await self._cache.get("event", self._event)

    async def days(self) -> list[Day]:
        return list(await self._cache.get("days", self._days))

    async def sessions(self, day: dt.date | None = None) -> list[Session]:
        """Sessions in time order, of one day or of the whole programme."""
        return list(await self._cache.get(("sessions", day), lambda: self._sessions(day)))

    async def session(self, session_id: int) -> Session | None:
        return await self._cache.get(("session", session_id), lambda: self._session(session_id))

    async def _event(self) -> Event | None:
        async with self._db.execute("SELECT data FROM event WHERE id = 1") as cursor:
            row = await cursor.fetchone()
        return None if row is None else Event.model_validate_json(row["data"])

    async def _days(self) -> list[Day]:
        async with self._db.execute("SELECT date, title FROM days ORDER BY date") as cursor:
            rows = await cursor.fetchall()
        return [Day(dt.date.fromisoformat(r["date"]), required_text(r["title"])) for r in rows]

    async def _sessions(self, day: dt.date | None) -> list[Session]:
        query = f"SELECT {_SESSION_COLUMNS} FROM {_SESSIONS}"
        params: tuple[str, ...] = ()
        if day is not None:
            query += " WHERE day = ?"
            params = (day.isoformat(),)
        async with self._db.execute(query + " ORDER BY starts_at, position", params) as cursor:
            rows = await cursor.fetchall()
        speakers = await self._speakers([row["id"] for row in rows])
        return [_session(row, speakers.get(row["id"], ())) for row in rows]

    async def _session(self, session_id: int) -> Session | None:
        query = f"SELECT {_SESSION_COLUMNS} FROM {_SESSIONS} WHERE id = ?"
        async with self._db.execute(query, (session_id,)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        speakers = await self._speakers([session_id])
        return _session(row, speakers.get(session_id, ()))

    async def _speakers(self, session_ids: list[int]) -> dict[int, tuple[Speaker, ...]]:
        if not session_ids:
            return {}
        marks = ",".join("?" * len(session_ids))
        query = f"""
            SELECT ss.session_id, p.name, p.role, p.attendance, d.name AS organisation
            FROM session_speakers ss
            JOIN people p ON p.id = ss.person_id
            LEFT JOIN delegations d ON d.id = p.delegation_id
            WHERE ss.session_id IN ({marks})
            ORDER BY ss.session_id, ss.position
        """
        found: dict[int, list[Speaker]] = defaultdict(list)
        async with self._db.execute(query, session_ids) as cursor:
            async for row in cursor:
                found[row["session_id"]].append(
                    Speaker(
                        name=required_text(row["name"]),
                        role=required_text(row["role"]),
                        organisation=text_from(row["organisation"]),
                        attendance=Attendance(row["attendance"]),
                    )
                )
        return {key: tuple(value) for key, value in found.items()}


def _session(row: aiosqlite.Row, speakers: tuple[Speaker, ...]) -> Session:
    return Session(
        id=row["id"],
        key=row["key"],
        day=dt.date.fromisoformat(row["day"]),
        starts_at=utc_from(row["starts_at"]),
        ends_at=utc_from(row["ends_at"]),
        title=required_text(row["title"]),
        room=required_text(row["room"]),
        description=text_from(row["description"]),
        times_illustrative=bool(row["times_illustrative"]),
        revision=row["revision"],
        updated_at=utc_from(row["updated_at"]),
        speakers=speakers,
        press=PressAccess(row["press"]),
        marked_start=None if row["marked_start"] is None else utc_from(row["marked_start"]),
        marked_end=None if row["marked_end"] is None else utc_from(row["marked_end"]),
    )
