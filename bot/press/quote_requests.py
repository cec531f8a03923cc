"""Quote requests: accredited journalists ask, the press office takes, answers or declines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from aiogram.utils.i18n import I18n

from bot.content.models import LANGUAGES, Text
from bot.press.accreditation import AccreditationService
from bot.press.notify import PressNotifier
from bot.press.values import QuoteRequest, RequestStatus, TargetKind, as_written
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService

NEAR_DEADLINE = dt.timedelta(hours=1)
"""A request due within this is flagged in the queue."""
SHORTEST_DEADLINE = dt.timedelta(minutes=15)
LONGEST_DEADLINE = dt.timedelta(days=14)


class Outcome(StrEnum):
    DONE = "done"
    NOT_ALLOWED = "not_allowed"
    UNKNOWN = "unknown"
    CLOSED = "closed"
    TAKEN = "taken"
    NOT_FOR_BANK = "not_for_bank"


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    key: str | None
    label: Text


def deadline_allowed(deadline: dt.datetime, now: dt.datetime) -> bool:
    return now + SHORTEST_DEADLINE <= deadline <= now + LONGEST_DEADLINE


class QuoteRequestService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        organisers: AccessService,
        accreditation: AccreditationService,
        notifier: PressNotifier,
        i18n: I18n,
    ) -> None:
        self._store = store
        self._clock = clock
        self._organisers = organisers
        self._accreditation = accreditation
        self._notifier = notifier
        self._i18n = i18n

    def _organisers_label(self) -> Text:
        """The label stored with a request to the organisers, from the catalogues."""
        return Text(
            **{lang: self._i18n.gettext("The organisers", locale=lang) for lang in LANGUAGES}
        )

    def _answer_source(self, number: int) -> Text:
        """Where a quote from an answered request comes from, as the quote bank shows it."""
        return Text(
            **{
                lang: self._i18n.gettext(
                    "Answer to press request No. {number}", locale=lang
                ).format(number=number)
                for lang in LANGUAGES
            }
        )

    def now(self) -> dt.datetime:
        return self._clock.now()

    def near_deadline(self, request: QuoteRequest) -> bool:
        return request.deadline - self.now() <= NEAR_DEADLINE

    async def target(self, kind: TargetKind, key: str | None) -> Target | None:
        """A speaker or delegation from the data (or the organisers); None if not there."""
        if kind is TargetKind.ORGANISERS:
            return Target(kind, None, self._organisers_label())
        if kind is TargetKind.PERSON:
            for person_key, name, _role, _delegation in await self._store.quote_bank.speakers():
                if person_key == key:
                    return Target(kind, key, name)
            return None
        for delegation in await self._store.delegations.all():
            if delegation.key == key:
                return Target(kind, key, delegation.name)
        return None

    async def submit(
        self, journalist: int, target: Target, question: str, deadline: dt.datetime
    ) -> QuoteRequest | None:
        """None when the person is not (or no longer) accredited."""
        if not await self._accreditation.is_accredited(journalist):
            return None
        if not deadline_allowed(deadline, self.now()):
            raise ValueError("the deadline is outside the allowed window")
        request = await self._store.quote_requests.add(
            journalist, target.kind, target.key, target.label, question, deadline, self.now()
        )
        await self._notifier.request_submitted(request)
        return request

    async def mine(self, journalist: int) -> list[QuoteRequest]:
        return await self._store.quote_requests.of_journalist(journalist)

    async def queue(self, organiser: int) -> list[QuoteRequest] | None:
        """Open requests, oldest first; None for anyone but an organiser."""
        if not await self._organisers.is_organiser(organiser):
            return None
        return await self._store.quote_requests.open_oldest_first()

    async def for_organiser(self, organiser: int, request_id: int) -> QuoteRequest | None:
        if not await self._organisers.is_organiser(organiser):
            return None
        return await self._store.quote_requests.get(request_id)

    async def take(self, organiser: int, request_id: int) -> Outcome:
        refused = await self._refusal(organiser, request_id)
        if refused is not None:
            return refused
        if not await self._store.quote_requests.take(request_id, organiser, self.now()):
            return Outcome.TAKEN
        return Outcome.DONE

    async def can_close(self, organiser: int, request_id: int) -> Outcome | None:
        """None while the request may be answered or declined by this person."""
        return await self._refusal(organiser, request_id)

    async def answer(self, organiser: int, request_id: int, text: str, *, to_bank: bool) -> Outcome:
        refused = await self._refusal(organiser, request_id)
        if refused is not None:
            return refused
        request = await self._store.quote_requests.get(request_id)
        assert request is not None
        if to_bank and request.target_kind is not TargetKind.PERSON:
            return Outcome.NOT_FOR_BANK
        return await self._close(organiser, request, RequestStatus.ANSWERED, text, to_bank)

    async def decline(self, organiser: int, request_id: int, reason: str) -> Outcome:
        refused = await self._refusal(organiser, request_id)
        if refused is not None:
            return refused
        request = await self._store.quote_requests.get(request_id)
        assert request is not None
        return await self._close(organiser, request, RequestStatus.DECLINED, reason, False)

    async def _close(
        self,
        organiser: int,
        request: QuoteRequest,
        status: RequestStatus,
        text: str,
        to_bank: bool,
    ) -> Outcome:
        now = self.now()
        if not await self._store.quote_requests.close(request.id, status, organiser, text, now):
            return Outcome.CLOSED
        if to_bank and request.target_key:
            said_on = now.astimezone(await self._event_zone()).date()
            await self._store.quote_bank.add_from_chat(
                f"chat:request-{request.id}",
                request.target_key,
                as_written(text),
                said_on,
                self._answer_source(request.id),
            )
        closed = await self._store.quote_requests.get(request.id)
        assert closed is not None
        await self._notifier.request_closed(closed)
        return Outcome.DONE

    async def _refusal(self, organiser: int, request_id: int) -> Outcome | None:
        if not await self._organisers.is_organiser(organiser):
            return Outcome.NOT_ALLOWED
        request = await self._store.quote_requests.get(request_id)
        if request is None:
            return Outcome.UNKNOWN
        if not request.status.open:
            return Outcome.CLOSED
        return None

    async def _event_zone(self) -> dt.tzinfo:
        event = await self._store.programme.event()
        return event.zone if event else dt.UTC
