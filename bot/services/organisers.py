"""Who runs the press office: the ids in the settings plus those added from chat."""

from __future__ import annotations

from enum import StrEnum

from bot.clock import Clock
from bot.store import Store


class AddOutcome(StrEnum):
    ADDED = "added"
    ALREADY = "already"
    UNKNOWN_USER = "unknown_user"
    NOT_ALLOWED = "not_allowed"


class OrganiserService:
    def __init__(self, store: Store, clock: Clock, founding: tuple[int, ...]) -> None:
        self._store = store
        self._clock = clock
        self._founding = frozenset(founding)

    async def is_organiser(self, user_id: int) -> bool:
        return user_id in self._founding or user_id in await self._store.organisers.ids()

    async def ids(self) -> list[int]:
        return sorted(self._founding | await self._store.organisers.ids())

    async def add(self, user_id: int, added_by: int) -> AddOutcome:
        """Only an organiser adds one, and only someone who has talked to the bot (no typos)."""
        if not await self.is_organiser(added_by):
            return AddOutcome.NOT_ALLOWED
        if await self.is_organiser(user_id):
            return AddOutcome.ALREADY
        if not await self._store.users.exists(user_id):
            return AddOutcome.UNKNOWN_USER
        await self._store.organisers.add(user_id, added_by, self._clock.now())
        return AddOutcome.ADDED
