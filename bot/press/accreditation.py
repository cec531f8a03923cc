"""Journalists' accreditation: apply once, organisers decide, the journalist is told."""

from __future__ import annotations

from enum import StrEnum

from bot.press.notify import PressNotifier
from bot.press.values import Accreditation, AccreditationForm, AccreditationStatus
from bot.store.holder import Store
from bot.summaries.service import SummaryService
from bot.time.clock import Clock
from bot.users.access import AccessService, require_organiser
from bot.users.values import Role, User


class ApplyOutcome(StrEnum):
    CREATED = "created"
    PENDING = "pending"
    ACCREDITED = "accredited"


class DecideOutcome(StrEnum):
    DONE = "done"
    UNKNOWN = "unknown"
    ALREADY_DECIDED = "already_decided"


class AccreditationService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        access: AccessService,
        notify: PressNotifier,
        summaries: SummaryService,
    ) -> None:
        self._store = store
        self._clock = clock
        self._access = access
        self._notify = notify
        self._summaries = summaries

    async def latest(self, user_id: int) -> Accreditation | None:
        return await self._store.accreditations.latest_for(user_id)

    async def can_apply(self, user_id: int) -> ApplyOutcome | None:
        """None when a new application may start; else why not."""
        latest = await self.latest(user_id)
        if latest is None or latest.status is AccreditationStatus.REJECTED:
            return None
        if latest.status is AccreditationStatus.PENDING:
            return ApplyOutcome.PENDING
        return ApplyOutcome.ACCREDITED

    async def apply(self, user: User, form: AccreditationForm) -> ApplyOutcome:
        """Stores the application and tells the organisers; a second one while open is refused."""
        async with self._store.transaction():
            created = await self._store.accreditations.apply(user.id, form, self._clock.now())
            if created is None:
                return await self.can_apply(user.id) or ApplyOutcome.PENDING
            await self._notify.application_submitted(created)
        return ApplyOutcome.CREATED

    async def is_accredited(self, user_id: int) -> bool:
        return await self._store.accreditations.is_accredited(user_id)

    async def pending(self, user: User) -> list[Accreditation]:
        """Applications waiting for a decision, oldest first: for organisers only."""
        require_organiser(user)
        return await self._store.accreditations.pending()

    async def decide(
        self, user: User, application_id: int, approve: bool
    ) -> tuple[DecideOutcome, Accreditation | None]:
        """The decision, and on approval the press role, the summaries and the notice:
        all in one unit, so a failure leaves the application pending for a retry."""
        require_organiser(user)
        return await self._decide(user, application_id, approve)

    async def _decide(
        self, user: User, application_id: int, approve: bool
    ) -> tuple[DecideOutcome, Accreditation | None]:
        async with self._store.transaction():
            application = await self._store.accreditations.get(application_id)
            if application is None:
                return DecideOutcome.UNKNOWN, None
            status = AccreditationStatus.APPROVED if approve else AccreditationStatus.REJECTED
            if not await self._store.accreditations.decide(
                application_id, status, user.id, self._clock.now()
            ):
                return DecideOutcome.ALREADY_DECIDED, application
            if approve:
                await self._welcome(application.user_id)
            await self._notify.application_decided(application, approve)
            return DecideOutcome.DONE, await self._store.accreditations.get(application_id)

    async def _welcome(self, journalist: int) -> None:
        await self._summaries.subscribe_by_default(journalist)
        if await self._access.role_of(journalist) is Role.GUEST:
            # An accredited journalist is in the «press» audience of broadcasts too.
            await self._access.grant(journalist, Role.PRESS)
