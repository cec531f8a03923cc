"""Quote requests: accredited journalists ask, the press office takes, answers or declines.

Asking is for accredited journalists, the queue and its actions for organisers; each
operation takes the acting user and refuses anyone else, whoever calls it. Closing a
request (its status, the quote bank entry, the journalist's notice) is one unit of work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.agenda.values import Session
from bot.content.models import Text
from bot.press.accreditation import AccreditationService
from bot.press.notices import PressNotices
from bot.press.notify import PressNotifier
from bot.press.values import QuoteRequest, RequestStatus, TargetKind, as_written
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import NotAllowedError, require_organiser
from bot.users.values import Role, User

NEAR_DEADLINE = dt.timedelta(hours=1)
"""A request due within this is flagged in the queue."""
SHORTEST_DEADLINE = dt.timedelta(minutes=15)
LONGEST_DEADLINE = dt.timedelta(days=14)


class Outcome(StrEnum):
    DONE = "done"
    UNKNOWN = "unknown"
    CLOSED = "closed"
    TAKEN = "taken"
    NOT_FOR_BANK = "not_for_bank"


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    key: str | None
    label: Text
    session_key: str | None = None
    """The session the question is about: asked of the organisers, who know its speakers."""


def deadline_allowed(deadline: dt.datetime, now: dt.datetime) -> bool:
    return now + SHORTEST_DEADLINE <= deadline <= now + LONGEST_DEADLINE


class QuoteRequestService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        accreditation: AccreditationService,
        notify: PressNotifier,
        notices: PressNotices,
    ) -> None:
        self._store = store
        self._clock = clock
        self._accreditation = accreditation
        self._notify = notify
        self._notices = notices

    def now(self) -> dt.datetime:
        return self._clock.now()

    def near_deadline(self, request: QuoteRequest) -> bool:
        return request.deadline - self.now() <= NEAR_DEADLINE

    async def may_ask(self, user: User) -> bool:
        """Only accredited journalists request quotes."""
        return await self._accreditation.is_accredited(user.id)

    async def target(self, kind: TargetKind, key: str | None) -> Target | None:
        """A speaker or delegation from the data (or the organisers); None if not there."""
        if kind is TargetKind.ORGANISERS:
            return Target(kind, None, self._notices.organisers_label())
        if kind is TargetKind.PERSON:
            for person_key, name, _role, _delegation in await self._store.quote_bank.speakers():
                if person_key == key:
                    return Target(kind, key, name)
            return None
        for delegation in await self._store.delegations.all():
            if delegation.key == key:
                return Target(kind, key, delegation.name)
        return None

    async def session(self, key: str | None) -> Session | None:
        """A session of the programme by its key in data/; None when it is not there."""
        sessions = await self._store.programme.sessions()
        return next((session for session in sessions if session.key == key), None)

    async def about_session(self, key: str) -> tuple[Target, Session] | None:
        """A question about a session goes to the organisers, who know its speakers."""
        session = await self.session(key)
        if session is None:
            return None
        label = self._notices.session_label(session.title)
        return Target(TargetKind.ORGANISERS, None, label, session.key), session

    async def submit(
        self, user: User, target: Target, question: str, deadline: dt.datetime
    ) -> QuoteRequest:
        """Registers the request and tells the organisers, together."""
        if not await self.may_ask(user):
            raise NotAllowedError(Role.PRESS)
        if not deadline_allowed(deadline, self.now()):
            raise ValueError("the deadline is outside the allowed window")
        if target.session_key is not None and await self.session(target.session_key) is None:
            raise ValueError(f"no session {target.session_key!r} in the programme")
        async with self._store.transaction():
            request = await self._store.quote_requests.add(
                user.id,
                target.kind,
                target.key,
                target.label,
                question,
                deadline=deadline,
                now=self.now(),
                session_key=target.session_key,
            )
            await self._notify.request_submitted(request)
        return request

    async def mine(self, user: User) -> list[QuoteRequest]:
        """The acting user's own requests, newest first: nobody sees anyone else's."""
        return await self._store.quote_requests.of_journalist(user.id)

    async def queue(self, user: User) -> list[QuoteRequest]:
        """Open requests, oldest first: the organisers' press queue."""
        require_organiser(user)
        return await self._store.quote_requests.open_oldest_first()

    async def for_organiser(self, user: User, request_id: int) -> QuoteRequest | None:
        require_organiser(user)
        return await self._store.quote_requests.get(request_id)

    async def take(self, user: User, request_id: int) -> Outcome:
        require_organiser(user)
        refused = await self._refusal(request_id)
        if refused is not None:
            return refused
        if not await self._store.quote_requests.take(request_id, user.id, self.now()):
            return Outcome.TAKEN
        return Outcome.DONE

    async def can_close(self, user: User, request_id: int) -> Outcome | None:
        """None while the request may be answered or declined by this organiser."""
        require_organiser(user)
        return await self._refusal(request_id)

    async def answer(self, user: User, request_id: int, text: str, *, to_bank: bool) -> Outcome:
        """The answer, its quote bank entry (if asked for) and the notice: all or nothing."""
        require_organiser(user)
        async with self._store.transaction():
            refused = await self._refusal(request_id)
            if refused is not None:
                return refused
            request = await self._store.quote_requests.get(request_id)
            assert request is not None
            if to_bank and request.target_kind is not TargetKind.PERSON:
                return Outcome.NOT_FOR_BANK
            return await self._close(user, request, RequestStatus.ANSWERED, text, to_bank)

    async def decline(self, user: User, request_id: int, reason: str) -> Outcome:
        require_organiser(user)
        async with self._store.transaction():
            refused = await self._refusal(request_id)
            if refused is not None:
                return refused
            request = await self._store.quote_requests.get(request_id)
            assert request is not None
            return await self._close(user, request, RequestStatus.DECLINED, reason, False)

    async def _close(
        self, user: User, request: QuoteRequest, status: RequestStatus, text: str, to_bank: bool
    ) -> Outcome:
        now = self.now()
        if not await self._store.quote_requests.close(request.id, status, user.id, text, now):
            return Outcome.CLOSED
        if to_bank and request.target_key:
            said_on = now.astimezone(await self._event_zone()).date()
            await self._store.quote_bank.add_from_chat(
                f"chat:request-{request.id}",
                request.target_key,
                as_written(text),
                said_on,
                self._notices.answer_source(request.id),
            )
        closed = await self._store.quote_requests.get(request.id)
        assert closed is not None
        await self._notify.request_closed(closed)
        return Outcome.DONE

    async def _refusal(self, request_id: int) -> Outcome | None:
        request = await self._store.quote_requests.get(request_id)
        if request is None:
            return Outcome.UNKNOWN
        if not request.status.open:
            return Outcome.CLOSED
        return None

    async def _event_zone(self) -> dt.tzinfo:
        event = await self._store.programme.event()
        return event.zone if event else dt.UTC
