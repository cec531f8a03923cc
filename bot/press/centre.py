"""The press centre's services, built together because they share the notifier."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.delivery.notify import Notifier
from bot.press.accreditation import AccreditationService
from bot.press.advisory import AdvisoryService
from bot.press.notices import PressNotices
from bot.press.notify import EmailChannel, PressNotifier
from bot.press.quote_bank import QuoteBankService
from bot.press.quote_requests import QuoteRequestService
from bot.press.releases import PressPublishing
from bot.store.holder import Store
from bot.summaries.service import SummaryService
from bot.time.clock import Clock
from bot.users.access import AccessService


@dataclass(frozen=True, slots=True)
class PressCentre:
    accreditation: AccreditationService
    publishing: PressPublishing
    quote_requests: QuoteRequestService
    quote_bank: QuoteBankService
    advisory: AdvisoryService

    @classmethod
    def build(
        cls,
        store: Store,
        clock: Clock,
        notifier: Notifier,
        notices: PressNotices,
        summaries: SummaryService,
        access: AccessService,
        *,
        mail: EmailChannel | None = None,
    ) -> PressCentre:
        notify = PressNotifier(notifier, store, notices, access, mail)
        accreditation = AccreditationService(store, clock, access, notify, summaries)
        return cls(
            accreditation=accreditation,
            publishing=PressPublishing(store, clock, accreditation, notify, summaries),
            quote_requests=QuoteRequestService(store, clock, accreditation, notify, notices),
            quote_bank=QuoteBankService(store),
            advisory=AdvisoryService(store),
        )

    def workflow_data(self) -> dict[str, Any]:
        """What handlers receive by name."""
        return {
            "accreditation": self.accreditation,
            "publishing": self.publishing,
            "quote_requests": self.quote_requests,
            "quote_bank": self.quote_bank,
            "advisory": self.advisory,
        }
