"""Who may do what: the role model every feature asks before an organiser-only action.

A user's role lives on the users row (guest, delegate bound to a delegation, press,
organiser) and is set by invite links. ``ORGANISER_IDS`` from the settings are organisers
whatever the row says: they bootstrap the bot and cannot be demoted from chat.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from bot.store.holder import Store
from bot.users.values import MAX_ID, Role, User


class NotAllowedError(PermissionError):
    """An operation refused to the acting user, whoever called it (chat, web, CLI).

    Handlers need not catch it: the errors router answers it with a clear refusal.
    """

    def __init__(self, needed: Role) -> None:
        super().__init__(f"only a user with the role {needed.value!r} may do this")
        self.needed = needed


def require(user: User, role: Role) -> None:
    """Refuse ``user`` unless they act with ``role`` (organisers may act as anyone)."""
    if user.role is not role and not user.is_organiser:
        raise NotAllowedError(role)


def require_organiser(user: User) -> None:
    if not user.is_organiser:
        raise NotAllowedError(Role.ORGANISER)


class AddOutcome(StrEnum):
    ADDED = "added"
    ALREADY = "already"
    UNKNOWN_USER = "unknown_user"
    NOT_AN_ID = "not_an_id"


class AccessService:
    def __init__(self, store: Store, organiser_ids: Iterable[int]) -> None:
        self._store = store
        self._configured = frozenset(organiser_ids)

    def effective(self, user_id: int, stored: Role) -> Role:
        """The role a user acts with: configured organisers always act as organisers."""
        return Role.ORGANISER if user_id in self._configured else stored

    def is_configured_organiser(self, user_id: int) -> bool:
        return user_id in self._configured

    async def role_of(self, user_id: int) -> Role:
        stored = await self._store.users.stored(user_id)
        return self.effective(user_id, Role.GUEST if stored is None else stored.role)

    async def is_organiser(self, user_id: int) -> bool:
        return await self.role_of(user_id) is Role.ORGANISER

    async def organiser_ids(self) -> list[int]:
        """Configured organisers and those made by invite, each once, in id order."""
        invited = await self._store.users.ids_with_role(Role.ORGANISER)
        return sorted(self._configured.union(invited))

    async def grant(self, user_id: int, role: Role, delegation_id: int | None = None) -> None:
        """Give a role; only delegates carry a delegation."""
        if (role is Role.DELEGATE) != (delegation_id is not None):
            raise ValueError("a delegate needs a delegation, and only a delegate has one")
        await self._store.users.set_role(user_id, role, delegation_id)

    async def add_organiser(self, actor: User, user_id: int) -> AddOutcome:
        """Only an organiser adds one, and only someone who has talked to the bot (no typos).

        An id outside what Telegram (and the store's 64 bits) can hold is refused before
        the store is asked.
        """
        require_organiser(actor)
        if not 0 < user_id <= MAX_ID:
            return AddOutcome.NOT_AN_ID
        if await self.is_organiser(user_id):
            return AddOutcome.ALREADY
        if not await self._store.users.exists(user_id):
            return AddOutcome.UNKNOWN_USER
        await self.grant(user_id, Role.ORGANISER)
        return AddOutcome.ADDED
