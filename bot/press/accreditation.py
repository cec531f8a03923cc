"""Journalists' accreditation: apply once, organisers decide, the journalist is told."""

from __future__ import annotations

from enum import StrEnum

from bot.press.notify import PressNotifier
from bot.press.values import Accreditation, AccreditationForm, AccreditationStatus
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService
from bot.users.values import Role


class ApplyOutcome(StrEnum):
    CREATED = "created"
    PENDING = "pending"
    ACCREDITED = "accredited"


class DecideOutcome(StrEnum):
    DONE = "done"
    NOT_ALLOWED = "not_allowed"
    UNKNOWN = "unknown"
    ALREADY_DECIDED = "already_decided"


class AccreditationService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        organisers: AccessService,
        notifier: PressNotifier,
    ) -> None:
        self._store = store
        self._clock = clock
        self._organisers = organisers
        self._notifier = notifier

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

    async def apply(self, user_id: int, form: AccreditationForm) -> ApplyOutcome:
        """Stores the application and tells the organisers; a second one while open is refused."""
        created = await self._store.accreditations.apply(user_id, form, self._clock.now())
        if created is None:
            return await self.can_apply(user_id) or ApplyOutcome.PENDING
        await self._notifier.application_submitted(created)
        return ApplyOutcome.CREATED

    async def is_accredited(self, user_id: int) -> bool:
        return await self._store.accreditations.is_accredited(user_id)

    async def pending(self) -> list[Accreditation]:
        return await self._store.accreditations.pending()

    async def decide(
        self, application_id: int, organiser: int, approve: bool
    ) -> tuple[DecideOutcome, Accreditation | None]:
        if not await self._organisers.is_organiser(organiser):
            return DecideOutcome.NOT_ALLOWED, None
        application = await self._store.accreditations.get(application_id)
        if application is None:
            return DecideOutcome.UNKNOWN, None
        status = AccreditationStatus.APPROVED if approve else AccreditationStatus.REJECTED
        if not await self._store.accreditations.decide(
            application_id, status, organiser, self._clock.now()
        ):
            return DecideOutcome.ALREADY_DECIDED, application
        if approve:
            await self._store.press_subscribers.subscribe_by_default(application.user_id)
            if await self._organisers.role_of(application.user_id) is Role.GUEST:
                # An accredited journalist is in the «press» audience of broadcasts too.
                await self._organisers.grant(application.user_id, Role.PRESS)
        await self._notifier.application_decided(application, approve)
        return DecideOutcome.DONE, await self._store.accreditations.get(application_id)
