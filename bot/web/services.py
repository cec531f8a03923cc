"""The services the web calls, taken from the Dispatcher's workflow data by name.

The Mini App calls the same services as chat, so their access rules are the web's. Where
a feature's API is being reworked on another branch (reminders' outcome of «Remind me»,
the press queue), the small adapters below are the only place the web depends on its
shape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.agenda.service import AgendaService
from bot.agenda.values import Session
from bot.calendar_feeds.service import CalendarFeedService
from bot.delegations.service import DelegationService, Participants
from bot.delegations.values import Delegation
from bot.press.accreditation import AccreditationService
from bot.press.quote_requests import QuoteRequestService
from bot.press.releases import PressPublishing
from bot.press.values import PressRelease
from bot.privacy.service import NoticeSource
from bot.privacy.values import CopySender
from bot.reminders.service import ReminderService
from bot.summaries.service import SummaryDay, SummaryService
from bot.summaries.values import Summary
from bot.users.service import UserService
from bot.users.values import User

FROM_CHAT = (
    "users",
    "agenda",
    "reminders",
    "delegations",
    "summaries",
    "publishing",
    "accreditation",
    "quote_requests",
)
"""The Dispatcher's workflow data the web uses, by the names chat handlers receive them."""


class Follow(StrEnum):
    FOLLOWED = "followed"
    STARTED = "started"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class PressQueue:
    open_requests: int
    applications: int


@dataclass(frozen=True, slots=True)
class WebServices:
    users: UserService
    agenda: AgendaService
    reminders: ReminderService
    delegations: DelegationService
    summaries: SummaryService
    publishing: PressPublishing
    accreditation: AccreditationService
    quote_requests: QuoteRequestService
    feeds: CalendarFeedService
    privacy_notice: NoticeSource | None = None
    privacy_copy: CopySender | None = None

    @classmethod
    def from_workflow(cls, data: Mapping[str, Any]) -> WebServices:
        """The services chat handlers receive, plus the calendar feeds built on them."""
        feeds = CalendarFeedService(data["store"], data["clock"], data["agenda"], data["users"])
        privacy = data.get("privacy")
        return cls(
            **{name: data[name] for name in FROM_CHAT},
            feeds=feeds,
            privacy_notice=None if privacy is None else privacy.notice_source,
            privacy_copy=data.get("privacy_copy"),
        )

    # ---------------------------------------------------------------- reminders

    async def follow(self, user: User, session_id: int) -> Follow:
        """chat's «Remind me»: a started session can no longer be followed."""
        outcome = await self.reminders.remind(user.id, session_id)
        status = str(getattr(outcome, "outcome", outcome))  # an enum, or a result holding one
        if status in (Follow.STARTED, Follow.MISSING):
            return Follow(status)
        return Follow.FOLLOWED

    async def unfollow(self, user: User, session_id: int) -> bool:
        return await self.reminders.forget(user.id, session_id)

    async def follows(self, user: User, session_id: int) -> bool:
        return await self.reminders.is_subscribed(user.id, session_id)

    async def my_agenda(self, user: User) -> list[Session]:
        """What chat's /reminders lists: followed sessions not over yet."""
        return await self.reminders.followed(user.id)

    async def lead_minutes(self, user: User) -> int:
        return await self.reminders.lead(user.id)

    # ------------------------------------------------------------ people, press

    async def participants(self) -> Participants:
        return await self.delegations.participants()

    async def delegation(self, delegation_id: int) -> Delegation | None:
        return await self.delegations.get(delegation_id)

    async def summary_days(self) -> list[SummaryDay]:
        return await self.summaries.days()

    async def summary(self, day: dt.date) -> Summary | None:
        return await self.summaries.for_day(day)

    async def releases(self, user: User) -> list[PressRelease]:
        """Published releases; embargoed ones only to accredited journalists."""
        return await self.publishing.releases_for(user.id)

    async def release(self, user: User, release_id: int) -> PressRelease | None:
        return await self.publishing.release_for(user.id, release_id)

    async def press_queue(self, user: User) -> PressQueue:
        """Organisers only: the services refuse anyone else (NotAllowedError)."""
        requests = await self.quote_requests.queue(user)
        applications = await self.accreditation.pending(user)
        return PressQueue(len(requests), len(applications))
