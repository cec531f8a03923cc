"""Invite links as the services hand them out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.users.values import Role


class Redemption(StrEnum):
    """What happened when someone opened an invite link."""

    GRANTED = "granted"
    ALREADY_USED_BY_THEM = "again"
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    USED_UP = "used_up"

    @property
    def gives_role(self) -> bool:
        """A second tap by the same person gives the role again (harmless) but no place."""
        return self in (Redemption.GRANTED, Redemption.ALREADY_USED_BY_THEM)


@dataclass(frozen=True, slots=True)
class Invite:
    """A deep link that gives whoever opens it a role (and a delegate their delegation)."""

    id: int
    token: str
    role: Role
    delegation_id: int | None
    max_uses: int | None  # None: any number of people
    uses: int
    created_by: int
    created_at: dt.datetime
    revoked_at: dt.datetime | None
    session_id: int | None = None
    """A moderator invite: who opens it moderates this session's questions (role GUEST
    here: it gives no role, the person keeps theirs)."""

    @property
    def usable(self) -> bool:
        return self.revoked_at is None and (self.max_uses is None or self.uses < self.max_uses)
