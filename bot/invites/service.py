"""Invite links: the one way a user becomes a delegate, a journalist or an organiser.

Making, listing and revoking links is the organisers' business, checked here for every
caller (chat today, the web console next). Opening one is anyone's: its use and the role
it gives are written in one transaction, so a failure between them leaves neither.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from bot.delegations.values import Delegation
from bot.invites.values import Invite, Redemption
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService, require_organiser
from bot.users.values import Role, User

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
        self, actor: User, role: Role, delegation: Delegation | None, max_uses: int | None
    ) -> Invite:
        """A fresh link made by an organiser; ``max_uses`` None lets any number use it."""
        require_organiser(actor)
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
            actor.id,
            self._clock.now(),
        )

    async def create_moderator(
        self, actor: User, session_id: int, max_uses: int | None = 1
    ) -> Invite:
        """A link that makes whoever opens it a moderator of one session's questions."""
        require_organiser(actor)
        if await self._store.programme.session(session_id) is None:
            raise InviteError("there is no such session")
        if max_uses is not None and not 1 <= max_uses <= MAX_USES:
            raise InviteError(f"uses must be between 1 and {MAX_USES}")
        token = secrets.token_urlsafe(12)
        return await self._store.invites.add(
            token, Role.GUEST, None, max_uses, actor.id, self._clock.now(), session_id=session_id
        )

    @staticmethod
    def payload(invite: Invite) -> str:
        """The /start payload of the invite's t.me link."""
        return PAYLOAD_PREFIX + invite.token

    async def redeem(self, payload: str, user: User) -> Redeemed:
        """Use one place of the invite and give its role, all or nothing.

        An organiser keeps their role when they open another role's invite; a second tap
        by the same person takes no second place.
        """
        token = payload.removeprefix(PAYLOAD_PREFIX)
        async with self._store.transaction():
            invite = await self._store.invites.by_token(token)
            outcome = await self._outcome(invite, user.id)
            if invite is not None and outcome is Redemption.GRANTED:
                await self._store.invites.record_use(invite.id, user.id, self._clock.now())
            if invite is not None and outcome.gives_role and invite.session_id is not None:
                await self._store.moderators.add(invite.session_id, user.id, self._clock.now())
            elif invite is not None and outcome.gives_role and not _keeps_role(user, invite):
                delegation_id = invite.delegation_id if invite.role is Role.DELEGATE else None
                await self._access.grant(user.id, invite.role, delegation_id)
        role = await self._access.role_of(user.id)
        delegation = None
        if role is Role.DELEGATE and invite is not None and invite.delegation_id is not None:
            delegation = await self._store.delegations.get(invite.delegation_id)
        return Redeemed(outcome, invite, role, delegation)

    async def _outcome(self, invite: Invite | None, user_id: int) -> Redemption:
        if invite is None:
            return Redemption.UNKNOWN
        if invite.revoked_at is not None:
            return Redemption.REVOKED
        if await self._store.invites.used_by(invite.id, user_id):
            return Redemption.ALREADY_USED_BY_THEM
        if invite.max_uses is not None and invite.uses >= invite.max_uses:
            return Redemption.USED_UP
        return Redemption.GRANTED

    async def revoke(self, actor: User, invite_id: int) -> bool:
        """True when this call revoked it (False: unknown or revoked before)."""
        require_organiser(actor)
        return await self._store.invites.revoke(invite_id, self._clock.now())

    async def usable(self, actor: User) -> list[Invite]:
        """The links that still work, newest first (organisers only: they are keys)."""
        require_organiser(actor)
        return await self._store.invites.usable()


def _keeps_role(user: User, invite: Invite) -> bool:
    return user.is_organiser and invite.role is not Role.ORGANISER
