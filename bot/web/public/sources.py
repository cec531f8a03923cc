"""The services the public edition reads, built on the store alone.

The bot's process and the ``export-site`` / ``programme-pdf`` commands build the same
set, so a page served and a page in the mirror come from one code path. Every one of
these is public by design: none takes a user, none can reveal who follows what.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.agenda.service import AgendaService
from bot.calendar_feeds.service import CalendarFeedService
from bot.config import Settings
from bot.content.cache import ContentCache
from bot.delegations.service import DelegationService
from bot.press.advisory import AdvisoryService
from bot.press.public import PublicPress
from bot.privacy.service import NoticeSource
from bot.programme.public_status import ProgrammeStatus
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService
from bot.users.service import UserService
from bot.venue.service import VenueService


@dataclass(frozen=True, slots=True)
class PublicSources:
    clock: Clock
    agenda: AgendaService
    delegations: DelegationService
    status: ProgrammeStatus
    press: PublicPress
    advisory: AdvisoryService
    venue: VenueService
    feeds: CalendarFeedService
    content: ContentCache
    privacy: NoticeSource

    @classmethod
    def build(cls, store: Store, clock: Clock, settings: Settings) -> PublicSources:
        agenda = AgendaService(store, clock, settings.event_timezone)
        users = UserService(
            store, clock, settings.default_language, AccessService(store, settings.organiser_ids)
        )
        return cls(
            clock=clock,
            agenda=agenda,
            delegations=DelegationService(store),
            status=ProgrammeStatus(store, clock),
            press=PublicPress(store, clock),
            advisory=AdvisoryService(store),
            venue=VenueService(store, settings.data_dir),
            feeds=CalendarFeedService(store, clock, agenda, users),
            content=store.content_cache,
            privacy=NoticeSource(settings.data_dir, settings.retention_days),
        )
