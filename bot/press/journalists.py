"""Who counts as a journalist for the gallery and interviews, and who hears about them."""

from __future__ import annotations

from bot.press.accreditation import AccreditationService
from bot.store.holder import Store
from bot.users.access import require
from bot.users.values import Role, User


class Journalists:
    """Journalists are the accredited and those who act with the press role (a press
    invite); organisers may act as anyone."""

    def __init__(self, store: Store, accreditation: AccreditationService) -> None:
        self._store = store
        self._accreditation = accreditation

    async def require(self, user: User) -> None:
        """Raises ``NotAllowedError(Role.PRESS)`` for anyone else."""
        if not await self._accreditation.is_accredited(user.id):
            require(user, Role.PRESS)

    async def ids(self) -> list[int]:
        """Every journalist's id once: accredited, or given the press role."""
        accredited = await self._store.accreditations.accredited_ids()
        invited = await self._store.users.ids_with_role(Role.PRESS)
        return sorted(set(accredited).union(invited))
