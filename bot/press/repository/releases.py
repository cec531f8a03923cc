"""Repository of press releases and the bookkeeping of who was told about them when."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.content.models import Text
from bot.press.values import PressRelease
from bot.store.codec import required_text, text_json, utc_from, utc_text
from bot.store.unit_of_work import Database

_COLUMNS = "id, key, title, body, published_at, embargo_until, written_in"


class PressReleaseRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def published(self, now: dt.datetime, *, include_embargoed: bool) -> list[PressRelease]:
        """Newest first; embargoed ones only for those allowed to see them early."""
        query = f"SELECT {_COLUMNS} FROM press_releases WHERE published_at <= ?"
        params: tuple[str, ...] = (utc_text(now),)
        if not include_embargoed:
            query += " AND (embargo_until IS NULL OR embargo_until <= ?)"
            params += (utc_text(now),)
        async with self._db.execute(query + " ORDER BY published_at DESC, id DESC", params) as c:
            return [_release(row) async for row in c]

    async def get(self, release_id: int) -> PressRelease | None:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM press_releases WHERE id = ?", (release_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _release(row)

    async def add_from_chat(
        self,
        key: str,
        title: Text,
        body: Text,
        now: dt.datetime,
        embargo_until: dt.datetime | None,
        written_in: tuple[str, ...] = (),
    ) -> PressRelease:
        """Inserts once per ``key``: a second confirm of the same draft returns the first."""
        await self._db.execute(
            "INSERT INTO press_releases (key, title, body, published_at, embargo_until, origin,"
            " written_in) VALUES (?, ?, ?, ?, ?, 'chat', ?) ON CONFLICT (key) DO NOTHING",
            (
                key,
                text_json(title),
                text_json(body),
                utc_text(now),
                utc_text(embargo_until) if embargo_until else None,
                ",".join(sorted(written_in)) or None,
            ),
        )
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM press_releases WHERE key = ?", (key,)
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        return _release(row)

    async def unannounced(self, now: dt.datetime) -> list[PressRelease]:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM press_releases"
            " WHERE announced_at IS NULL AND published_at <= ? ORDER BY published_at, id",
            (utc_text(now),),
        ) as cursor:
            return [_release(row) async for row in cursor]

    async def mark_announced(self, release_id: int, now: dt.datetime) -> None:
        await self._db.execute(
            "UPDATE press_releases SET announced_at = ? WHERE id = ? AND announced_at IS NULL",
            (utc_text(now), release_id),
        )

    async def embargoes_due(self, now: dt.datetime) -> list[PressRelease]:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM press_releases WHERE embargo_until IS NOT NULL"
            " AND embargo_until <= ? AND published_at <= ? AND lifted_at IS NULL"
            " ORDER BY embargo_until, id",
            (utc_text(now), utc_text(now)),
        ) as cursor:
            return [_release(row) async for row in cursor]

    async def mark_lifted(self, release_id: int, now: dt.datetime) -> None:
        await self._db.execute(
            "UPDATE press_releases SET lifted_at = ? WHERE id = ? AND lifted_at IS NULL",
            (utc_text(now), release_id),
        )


def _release(row: aiosqlite.Row) -> PressRelease:
    return PressRelease(
        id=row["id"],
        key=row["key"],
        title=required_text(row["title"]),
        body=required_text(row["body"]),
        published_at=utc_from(row["published_at"]),
        embargo_until=utc_from(row["embargo_until"]) if row["embargo_until"] else None,
        written_in=tuple(row["written_in"].split(",")) if row["written_in"] else (),
    )
