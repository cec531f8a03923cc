"""Repository of delegations and the people the source names in them."""

from __future__ import annotations

from collections import defaultdict

import aiosqlite

from bot.content.cache import ContentCache
from bot.content.models import Attendance, DelegationKind
from bot.delegations.values import Delegation, Member
from bot.store.codec import required_text, text_from
from bot.store.unit_of_work import Database

_COLUMNS = "id, key, kind, name, country, attendance, observer, about"


class DelegationRepository:
    def __init__(self, db: Database, cache: ContentCache) -> None:
        self._db = db
        self._cache = cache

    async def all(self) -> list[Delegation]:
        return list(await self._cache.get("delegations", self._all))

    async def get(self, delegation_id: int) -> Delegation | None:
        return await self._cache.get(
            ("delegation", delegation_id), lambda: self._get(delegation_id)
        )

    async def _all(self) -> list[Delegation]:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM delegations ORDER BY position"
        ) as cursor:
            rows = await cursor.fetchall()
        members = await self._members()
        return [_delegation(row, members.get(row["id"], ())) for row in rows]

    async def _get(self, delegation_id: int) -> Delegation | None:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM delegations WHERE id = ?", (delegation_id,)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        members = await self._members(delegation_id)
        return _delegation(row, members.get(delegation_id, ()))

    async def _members(self, delegation_id: int | None = None) -> dict[int, tuple[Member, ...]]:
        query = "SELECT delegation_id, name, role, attendance, is_head FROM people"
        query += " WHERE delegation_id IS NOT NULL"
        params: tuple[int, ...] = ()
        if delegation_id is not None:
            query += " AND delegation_id = ?"
            params = (delegation_id,)
        found: dict[int, list[Member]] = defaultdict(list)
        async with self._db.execute(query + " ORDER BY is_head DESC, position", params) as cur:
            async for row in cur:
                found[row["delegation_id"]].append(
                    Member(
                        name=required_text(row["name"]),
                        role=required_text(row["role"]),
                        attendance=Attendance(row["attendance"]),
                        is_head=bool(row["is_head"]),
                    )
                )
        return {key: tuple(value) for key, value in found.items()}


def _delegation(row: aiosqlite.Row, members: tuple[Member, ...]) -> Delegation:
    return Delegation(
        id=row["id"],
        key=row["key"],
        kind=DelegationKind(row["kind"]),
        name=required_text(row["name"]),
        country=text_from(row["country"]),
        attendance=Attendance(row["attendance"]),
        observer=bool(row["observer"]),
        about=text_from(row["about"]),
        members=members,
    )
