"""The press centre's services, built together because they share the notifier."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiogram.utils.i18n import I18n

from bot.config import Settings
from bot.delivery import Delivery
from bot.press.accreditation import AccreditationService
from bot.press.notify import PressNotifier
from bot.press.quote_bank import QuoteBankService
from bot.press.quote_requests import QuoteRequestService
from bot.press.releases import PressPublishing
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService


@dataclass(frozen=True, slots=True)
class PressCentre:
    accreditation: AccreditationService
    publishing: PressPublishing
    quote_requests: QuoteRequestService
    quote_bank: QuoteBankService

    @classmethod
    def build(
        cls,
        store: Store,
        clock: Clock,
        settings: Settings,
        i18n: I18n,
        delivery: Delivery,
        organisers: AccessService,
    ) -> PressCentre:
        notifier = PressNotifier(delivery, store, i18n, organisers, settings.default_language)
        accreditation = AccreditationService(store, clock, organisers, notifier)
        return cls(
            accreditation=accreditation,
            publishing=PressPublishing(store, clock, organisers, accreditation, notifier),
            quote_requests=QuoteRequestService(
                store, clock, organisers, accreditation, notifier, i18n
            ),
            quote_bank=QuoteBankService(store),
        )

    def workflow_data(self) -> dict[str, Any]:
        """What handlers receive by name."""
        return {
            "accreditation": self.accreditation,
            "publishing": self.publishing,
            "quote_requests": self.quote_requests,
            "quote_bank": self.quote_bank,
        }
