"""Repository of invite links and who used them."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.invites.values import Invite
from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database
from bot.users.values import Role

_COLUMNS = (
    "id, token, role, delegation_id, max_uses, uses, created_by, created_at, revoked_at, session_id"
)


class InviteRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        token: str,
        role: Role,
        delegation_id: int | None,
        max_uses: int | None,
        created_by: int,
        now: dt.datetime,
        *,
        session_id: int | None = None,
    ) -> Invite:
        async with self._db.execute(
            f"""
            INSERT INTO invites (token, role, delegation_id, max_uses, created_by, created_at,
                                 session_id)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}
            """,
            (token, role.value, delegation_id, max_uses, created_by, utc_text(now), session_id),
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        return _invite(row)

    async def by_token(self, token: str) -> Invite | None:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM invites WHERE token = ?", (token,)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _invite(row)

    async def usable(self) -> list[Invite]:
        """Invites that still work, newest first."""
        async with self._db.execute(
            f"""
            SELECT {_COLUMNS} FROM invites
            WHERE revoked_at IS NULL AND (max_uses IS NULL OR uses < max_uses)
            ORDER BY id DESC
            """
        ) as cursor:
            return [_invite(row) for row in await cursor.fetchall()]

    async def revoke(self, invite_id: int, now: dt.datetime) -> bool:
        """True when this call revoked it (False: unknown or revoked before)."""
        result = await self._db.run(
            "UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            (utc_text(now), invite_id),
        )
        return result.rowcount == 1

    async def used_by(self, invite_id: int, user_id: int) -> bool:
        async with self._db.execute(
            "SELECT 1 FROM invite_uses WHERE invite_id = ? AND user_id = ?", (invite_id, user_id)
        ) as cursor:
            return await cursor.fetchone() is not None

    async def record_use(self, invite_id: int, user_id: int, now: dt.datetime) -> None:
        """One more place of the invite taken; call it in the redemption's transaction."""
        async with self._db.transaction():
            await self._db.execute(
                "INSERT INTO invite_uses (invite_id, user_id, used_at) VALUES (?, ?, ?)",
                (invite_id, user_id, utc_text(now)),
            )
            await self._db.execute("UPDATE invites SET uses = uses + 1 WHERE id = ?", (invite_id,))


def _invite(row: aiosqlite.Row) -> Invite:
    return Invite(
        id=row["id"],
        token=row["token"],
        role=Role(row["role"]),
        delegation_id=row["delegation_id"],
        max_uses=row["max_uses"],
        uses=row["uses"],
        created_by=row["created_by"],
        created_at=utc_from(row["created_at"]),
        revoked_at=None if row["revoked_at"] is None else utc_from(row["revoked_at"]),
        session_id=row["session_id"],
    )
