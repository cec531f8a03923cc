"""The public edition assembled: its pages and its printed programme, on one store."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.utils.i18n import I18n

from bot.config import Settings
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.web.public.edition import PublicEdition
from bot.web.public.printed import ProgrammePrinter
from bot.web.public.sources import PublicSources
from bot.web.public.texts import PublicTexts


@dataclass(frozen=True, slots=True)
class PublicSite:
    edition: PublicEdition
    printer: ProgrammePrinter

    @classmethod
    def build(cls, settings: Settings, store: Store, clock: Clock, i18n: I18n) -> PublicSite:
        sources = PublicSources.build(store, clock, settings)
        texts = PublicTexts(i18n)
        address = settings.web_public_url
        return cls(
            PublicEdition(sources, texts),
            ProgrammePrinter(sources, texts, f"{address}/" if address else None),
        )
