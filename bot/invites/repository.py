"""Repository of invite links and who used them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import aiosqlite

from bot.invites.values import Invite
from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database
from bot.users.values import Role

_COLUMNS = "id, token, role, delegation_id, max_uses, uses, created_by, created_at, revoked_at"


class Redemption(StrEnum):
    """What happened when someone opened an invite link."""

    GRANTED = "granted"
    ALREADY_USED_BY_THEM = "again"
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    USED_UP = "used_up"


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
    ) -> Invite:
        async with self._db.execute(
            f"""
            INSERT INTO invites (token, role, delegation_id, max_uses, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING {_COLUMNS}
            """,
            (token, role.value, delegation_id, max_uses, created_by, utc_text(now)),
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
        cursor = await self._db.execute(
            "UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            (utc_text(now), invite_id),
        )
        return cursor.rowcount == 1

    async def redeem(
        self, token: str, user_id: int, role: Role | None, now: dt.datetime
    ) -> tuple[Redemption, Invite | None]:
        """Use one place of the invite and give the user its role, in one transaction.

        ``role`` is the role to store (None: keep the user's role, e.g. an organiser
        opening a press link). A second tap by the same person uses no second place.
        """
        async with self._db.transaction():
            return await self._redeem(token, user_id, role, now)

    async def _redeem(
        self, token: str, user_id: int, role: Role | None, now: dt.datetime
    ) -> tuple[Redemption, Invite | None]:
        invite = await self.by_token(token)
        outcome = await self._outcome(invite, user_id)
        if invite is not None and outcome is Redemption.GRANTED:
            await self._db.execute(
                "INSERT INTO invite_uses (invite_id, user_id, used_at) VALUES (?, ?, ?)",
                (invite.id, user_id, utc_text(now)),
            )
            await self._db.execute("UPDATE invites SET uses = uses + 1 WHERE id = ?", (invite.id,))
        if invite is not None and role is not None and outcome in _GIVES_ROLE:
            delegation_id = invite.delegation_id if role is Role.DELEGATE else None
            await self._db.execute(
                "UPDATE users SET role = ?, delegation_id = ? WHERE id = ?",
                (role.value, delegation_id, user_id),
            )
        return outcome, invite

    async def _outcome(self, invite: Invite | None, user_id: int) -> Redemption:
        if invite is None:
            return Redemption.UNKNOWN
        if invite.revoked_at is not None:
            return Redemption.REVOKED
        async with self._db.execute(
            "SELECT 1 FROM invite_uses WHERE invite_id = ? AND user_id = ?", (invite.id, user_id)
        ) as cursor:
            if await cursor.fetchone() is not None:
                return Redemption.ALREADY_USED_BY_THEM
        if invite.max_uses is not None and invite.uses >= invite.max_uses:
            return Redemption.USED_UP
        return Redemption.GRANTED


_GIVES_ROLE = frozenset({Redemption.GRANTED, Redemption.ALREADY_USED_BY_THEM})


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
    )
