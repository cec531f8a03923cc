"""Invite links: the one way a user becomes a delegate, a journalist or an organiser."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from bot.delegations.values import Delegation
from bot.invites.repository import Redemption
from bot.invites.values import Invite
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService
from bot.users.values import Role

PAYLOAD_PREFIX = "inv_"
MAX_USES = 10_000


class InviteError(ValueError):
    """A request for an invite that cannot be made (the handler explains why)."""


@dataclass(frozen=True, slots=True)
class Redeemed:
    outcome: Redemption
    invite: Invite | None
    role: Role  # the role the user has afterwards
    delegation: Delegation | None


class InviteService:
    def __init__(self, store: Store, clock: Clock, access: AccessService) -> None:
        self._store = store
        self._clock = clock
        self._access = access

    async def delegation_by_key(self, key: str) -> Delegation | None:
        return next((d for d in await self._store.delegations.all() if d.key == key), None)

    async def create(
        self, role: Role, delegation: Delegation | None, max_uses: int | None, created_by: int
    ) -> Invite:
        """A fresh link; ``max_uses`` None lets any number of people use it."""
        if role is Role.GUEST:
            raise InviteError("nobody needs an invite to be a guest")
        if (role is Role.DELEGATE) != (delegation is not None):
            raise InviteError("a delegate invite names exactly one delegation")
        if max_uses is not None and not 1 <= max_uses <= MAX_USES:
            raise InviteError(f"uses must be between 1 and {MAX_USES}")
        token = secrets.token_urlsafe(12)  # 16 URL-safe characters, allowed in deep links
        return await self._store.invites.add(
            token,
            role,
            None if delegation is None else delegation.id,
            max_uses,
            created_by,
            self._clock.now(),
        )

    @staticmethod
    def payload(invite: Invite) -> str:
        """The /start payload of the invite's t.me link."""
        return PAYLOAD_PREFIX + invite.token

    async def redeem(self, payload: str, user_id: int) -> Redeemed:
        """Give the user the invite's role; an organiser keeps their role on other invites."""
        current = await self._access.role_of(user_id)
        token = payload.removeprefix(PAYLOAD_PREFIX)
        invite = await self._store.invites.by_token(token)
        keep = invite is not None and current is Role.ORGANISER and invite.role != current
        outcome, invite = await self._store.invites.redeem(
            token, user_id, None if invite is None or keep else invite.role, self._clock.now()
        )
        self._store.users.forget(user_id)  # the role was written with the invite's use
        role = await self._access.role_of(user_id)
        delegation = None
        if role is Role.DELEGATE and invite is not None and invite.delegation_id is not None:
            delegation = await self._store.delegations.get(invite.delegation_id)
        return Redeemed(outcome, invite, role, delegation)

    async def revoke(self, invite_id: int) -> bool:
        return await self._store.invites.revoke(invite_id, self._clock.now())

    async def usable(self) -> list[Invite]:
        return await self._store.invites.usable()
