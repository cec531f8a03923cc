"""Interview requests: journalists ask, the press office confirms, declines or proposes.

Asking is for journalists, deciding for organisers, answering a proposal for the
journalist who asked; each operation takes the acting user and refuses anyone else. A
decision and the notices of both sides are one unit of work, and a decision counts only
against the state it was made on (the request's revision), so a stale button acts never.
"""

from __future__ import annotations

import datetime as dt

from bot.content.models import Event
from bot.delivery.notify import Notifier, Render
from bot.press.interview_values import (
    MOST_OPEN,
    MOST_PREFERRED,
    REASON,
    TOPIC,
    Interviewee,
    InterviewOutcome,
    InterviewRequest,
    InterviewStatus,
    within_meeting,
)
from bot.press.journalists import Journalists
from bot.press.media_notices import InterviewNotices
from bot.press.values import Accreditation
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService, require_organiser
from bot.users.values import User

Outcome = InterviewOutcome


class TooManyOpenError(ValueError):
    """The journalist already has ``MOST_OPEN`` requests waiting."""


class InterviewService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        journalists: Journalists,
        access: AccessService,
        notifier: Notifier,
        notices: InterviewNotices,
    ) -> None:
        self._store = store
        self._clock = clock
        self._journalists = journalists
        self._access = access
        self._notifier = notifier
        self._notices = notices

    def now(self) -> dt.datetime:
        return self._clock.now()

    async def event(self) -> Event:
        event = await self._store.programme.event()
        if event is None:
            raise LookupError("no event loaded: run `python -m bot load`")
        return event

    async def ensure_journalist(self, user: User) -> None:
        await self._journalists.require(user)

    async def interviewees(self) -> list[Interviewee]:
        return await self._store.interviews.interviewees()

    async def interviewee(self, key: str) -> Interviewee | None:
        return next((p for p in await self.interviewees() if p.key == key), None)

    async def may_ask_at(self, moment: dt.datetime) -> bool:
        return within_meeting(moment, await self.event(), self.now())

    async def request(
        self, user: User, person_key: str, topic: str, preferred: list[dt.datetime]
    ) -> InterviewRequest | None:
        """Registers the request and tells the organisers, together; None when the person
        no longer gives interviews. Bad text or times raise ``ValueError``."""
        await self._journalists.require(user)
        person = await self.interviewee(person_key)
        if person is None:
            return None
        if not TOPIC.low <= len(topic) <= TOPIC.high:
            raise ValueError("the topic is outside its bounds")
        event, now = await self.event(), self.now()
        times = sorted(set(preferred))
        if not 1 <= len(times) <= MOST_PREFERRED or not all(
            within_meeting(moment, event, now) for moment in times
        ):
            raise ValueError("preferred times must be 1 to 3 moments within the meeting")
        async with self._store.transaction():
            if not await self.may_open_another(user):
                raise TooManyOpenError(MOST_OPEN)
            request = await self._store.interviews.add(user.id, person, topic, times, now)
            await self._notify_organisers(
                request, "requested", self._notices.requested(request, *await self._about(request))
            )
        return request

    async def may_open_another(self, user: User) -> bool:
        """Whether the journalist has fewer than ``MOST_OPEN`` requests waiting."""
        return await self._store.interviews.open_count(user.id) < MOST_OPEN

    async def mine(self, user: User) -> list[InterviewRequest]:
        """The acting user's own requests, newest first: nobody sees anyone else's."""
        return await self._store.interviews.of_journalist(user.id)

    async def queue(self, user: User) -> list[InterviewRequest]:
        """Requests waiting for the press office, oldest first."""
        require_organiser(user)
        return await self._store.interviews.open_oldest_first()

    async def for_organiser(
        self, user: User, request_id: int
    ) -> tuple[InterviewRequest, Accreditation | None] | None:
        require_organiser(user)
        request = await self._store.interviews.get(request_id)
        if request is None:
            return None
        return request, await self._store.accreditations.latest_for(request.journalist_id)

    async def confirm(self, user: User, request_id: int, choice: int) -> Outcome:
        """Confirms the journalist's preferred time number ``choice`` (from 0)."""
        require_organiser(user)
        async with self._store.transaction():
            request = await self._store.interviews.get(request_id)
            refused = self._refusal(request)
            if refused is not None or request is None:
                return refused or Outcome.UNKNOWN
            if not 0 <= choice < len(request.preferred):
                return Outcome.STALE
            return await self._confirm(request, request.preferred[choice], user.id)

    async def propose(self, user: User, request_id: int, slot: dt.datetime) -> Outcome:
        """Another time, for the journalist to accept or refuse."""
        require_organiser(user)
        async with self._store.transaction():
            request = await self._store.interviews.get(request_id)
            refused = self._refusal(request)
            if refused is not None or request is None:
                return refused or Outcome.UNKNOWN
            if not await self.may_ask_at(slot):
                return Outcome.BAD_TIME
            status = InterviewStatus.PROPOSED
            if not await self._store.interviews.decide(
                request, status, user.id, self.now(), slot=slot
            ):
                return Outcome.CLOSED
            moved = await self._reread(request)
            await self._notifier.notify(
                [moved.journalist_id],
                kind="press.interview",
                key=f"{moved.id}:{moved.revision}",
                render=self._notices.proposed(moved, await self.event()),
            )
        return Outcome.DONE

    async def decline(self, user: User, request_id: int, reason: str) -> Outcome:
        require_organiser(user)
        if not REASON.low <= len(reason) <= REASON.high:
            raise ValueError("the reason is outside its bounds")
        async with self._store.transaction():
            request = await self._store.interviews.get(request_id)
            refused = self._refusal(request)
            if refused is not None or request is None:
                return refused or Outcome.UNKNOWN
            status = InterviewStatus.DECLINED
            if not await self._store.interviews.decide(
                request, status, user.id, self.now(), reason=reason
            ):
                return Outcome.CLOSED
            moved = await self._reread(request)
            asker, _event = await self._about(moved)
            await self._notify_both(moved, self._notices.declined(moved, asker))
        return Outcome.DONE

    async def answer_proposal(
        self, user: User, request_id: int, revision: int, accept: bool
    ) -> Outcome:
        """The journalist accepts the proposed time (confirmed) or refuses it (withdrawn);
        a button of an older proposal is stale."""
        await self._journalists.require(user)
        async with self._store.transaction():
            request = await self._store.interviews.get(request_id)
            if request is None or request.journalist_id != user.id:
                return Outcome.UNKNOWN  # another's request is as good as none
            if request.status is not InterviewStatus.PROPOSED or request.revision != revision:
                return self._refusal(request) or Outcome.STALE
            assert request.slot is not None
            if accept:
                return await self._confirm(request, request.slot, None)
            status = InterviewStatus.WITHDRAWN
            if not await self._store.interviews.decide(request, status, None, self.now()):
                return Outcome.CLOSED
            moved = await self._reread(request)
            render = self._notices.proposal_refused(moved, *await self._about(moved))
            await self._notify_organisers(moved, f"refused:{moved.revision}", render)
        return Outcome.DONE

    async def confirmed_for(self, user: User, request_id: int) -> InterviewRequest | None:
        """A confirmed interview for its .ics: the journalist's own, or any for organisers."""
        request = await self._store.interviews.get(request_id)
        if request is None or request.status is not InterviewStatus.CONFIRMED:
            return None
        if request.journalist_id != user.id and not user.is_organiser:
            return None
        return request

    async def _confirm(
        self, request: InterviewRequest, slot: dt.datetime, organiser: int | None
    ) -> Outcome:
        if not await self.may_ask_at(slot):
            return Outcome.BAD_TIME
        status = InterviewStatus.CONFIRMED
        if not await self._store.interviews.decide(
            request, status, organiser, self.now(), slot=slot
        ):
            return Outcome.CLOSED
        moved = await self._reread(request)
        await self._notify_both(moved, self._notices.confirmed(moved, *await self._about(moved)))
        return Outcome.DONE

    def _refusal(self, request: InterviewRequest | None) -> Outcome | None:
        if request is None:
            return Outcome.UNKNOWN
        if not request.status.open:
            return Outcome.CLOSED
        return None

    async def _reread(self, request: InterviewRequest) -> InterviewRequest:
        moved = await self._store.interviews.get(request.id)
        assert moved is not None
        return moved

    async def _about(self, request: InterviewRequest) -> tuple[Accreditation | None, Event]:
        asker = await self._store.accreditations.latest_for(request.journalist_id)
        return asker, await self.event()

    async def _notify_organisers(
        self, request: InterviewRequest, what: str, render: Render
    ) -> None:
        await self._notifier.notify(
            await self._access.organiser_ids(),
            kind="press.interview_desk",
            key=f"{request.id}:{what}",
            render=render,
        )

    async def _notify_both(self, request: InterviewRequest, render: Render) -> None:
        """The decision to the journalist and to every organiser, under one key."""
        await self._notifier.notify(
            [request.journalist_id, *await self._access.organiser_ids()],
            kind="press.interview",
            key=f"{request.id}:{request.revision}",
            render=render,
        )
