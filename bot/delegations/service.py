"""Who takes part: national societies, observers and the international bodies, apart."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.models import DelegationKind
from bot.delegations.values import Delegation
from bot.store.holder import Store


@dataclass(frozen=True, slots=True)
class Participants:
    national_societies: tuple[Delegation, ...]
    observers: tuple[Delegation, ...]
    international: tuple[Delegation, ...]

    def ordered(self) -> tuple[Delegation, ...]:
        """The order the list shows them in, which paging follows."""
        return self.national_societies + self.observers + self.international


class DelegationService:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def participants(self) -> Participants:
        everyone = await self._store.delegations.all()
        international = tuple(d for d in everyone if d.kind is DelegationKind.INTERNATIONAL)
        national = [d for d in everyone if d.kind is DelegationKind.NATIONAL_SOCIETY]
        return Participants(
            national_societies=tuple(d for d in national if not d.observer),
            observers=tuple(d for d in national if d.observer),
            international=international,
        )

    async def get(self, delegation_id: int) -> Delegation | None:
        return await self._store.delegations.get(delegation_id)
