"""Delegations and their members as the services hand them out."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.content.models import Attendance, DelegationKind, Text


@dataclass(frozen=True, slots=True)
class Member:
    name: Text
    role: Text
    attendance: Attendance
    is_head: bool


@dataclass(frozen=True, slots=True)
class Delegation:
    id: int
    key: str
    kind: DelegationKind
    name: Text
    country: Text | None
    attendance: Attendance
    observer: bool
    about: Text | None
    members: tuple[Member, ...] = field(default=())

    @property
    def head(self) -> Member | None:
        return next((member for member in self.members if member.is_head), None)
