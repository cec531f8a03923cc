"""Who a user is to the bot."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MAX_ID = 2**63 - 1
"""The largest id the store (SQLite's signed 64 bits) can hold; Telegram's are far smaller."""


class Role(StrEnum):
    """Who a user is to the bot; an invite link sets it, guests are everyone else."""

    GUEST = "guest"
    DELEGATE = "delegate"
    PRESS = "press"
    ORGANISER = "organiser"


@dataclass(frozen=True, slots=True)
class User:
    id: int
    first_name: str
    language: str
    role: Role = Role.GUEST
    delegation_id: int | None = None

    @property
    def is_organiser(self) -> bool:
        return self.role is Role.ORGANISER
