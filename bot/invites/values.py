"""Invite links as the services hand them out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.users.values import Role


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

    @property
    def usable(self) -> bool:
        return self.revoked_at is None and (self.max_uses is None or self.uses < self.max_uses)
