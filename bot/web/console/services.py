"""The services the console calls, taken from the Dispatcher's workflow data by name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.broadcasts.progress import ProgressLoop
from bot.broadcasts.service import BroadcastService, Report
from bot.feedback.service import FeedbackService
from bot.press.accreditation import AccreditationService
from bot.press.quote_requests import QuoteRequestService
from bot.programme.service import ProgrammeDesk
from bot.programme.stage import StageService
from bot.stats.service import StatsService
from bot.store.holder import Store
from bot.users.access import require_organiser
from bot.users.values import User
from bot.web.console.programme.drafts import ProgrammeDrafts

FROM_CHAT = (
    "store",
    "quote_requests",
    "accreditation",
    "broadcasts",
    "stats",
    "feedback",
    "programme_desk",
    "on_stage",
    "broadcast_progress",
)


@dataclass(frozen=True, slots=True)
class ConsoleServices:
    store: Store
    quote_requests: QuoteRequestService
    accreditation: AccreditationService
    broadcasts: BroadcastService
    stats: StatsService
    feedback: FeedbackService
    broadcast_progress: ProgressLoop
    programme_desk: ProgrammeDesk
    on_stage: StageService
    programme_drafts: ProgrammeDrafts = field(default_factory=ProgrammeDrafts)
    """The programme editor's previewed changes (one-time tokens); the console's own."""

    @classmethod
    def from_workflow(cls, data: Mapping[str, Any]) -> ConsoleServices:
        return cls(**{name: data[name] for name in FROM_CHAT})

    async def broadcast_report(self, user: User, broadcast_id: int) -> Report | None:
        """One broadcast's report, for organisers (the service has no single-report call:
        the same access rule it applies to its lists is applied here)."""
        require_organiser(user)
        broadcast = await self.store.broadcasts.get(broadcast_id)
        return None if broadcast is None else await self.broadcasts.report(broadcast)


CONSOLE = web.AppKey("console", ConsoleServices)
