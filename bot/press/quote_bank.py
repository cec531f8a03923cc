"""The quote bank: released quotes grouped by speaker and by delegation."""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.models import Text
from bot.press.values import BankQuote
from bot.store.holder import Store


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    key: str
    label: Text
    quotes: tuple[BankQuote, ...]


class QuoteBankService:
    def __init__(self, store: Store) -> None:
        self._store = store

    async def by_speaker(self) -> list[QuoteGroup]:
        groups: dict[str, list[BankQuote]] = {}
        labels: dict[str, Text] = {}
        for quote in await self._store.quote_bank.all():
            groups.setdefault(quote.speaker_key, []).append(quote)
            labels[quote.speaker_key] = quote.speaker
        return [QuoteGroup(key, labels[key], tuple(quotes)) for key, quotes in groups.items()]

    async def by_delegation(self) -> list[QuoteGroup]:
        groups: dict[str, list[BankQuote]] = {}
        labels: dict[str, Text] = {}
        for quote in await self._store.quote_bank.all():
            if quote.delegation_key is None or quote.organisation is None:
                continue
            groups.setdefault(quote.delegation_key, []).append(quote)
            labels[quote.delegation_key] = quote.organisation
        return [QuoteGroup(key, labels[key], tuple(quotes)) for key, quotes in groups.items()]

    async def speakers(self) -> list[tuple[str, Text]]:
        """Every person in the data, for picking whom a quote request is for."""
        return [(key, name) for key, name, _role, _d in await self._store.quote_bank.speakers()]

    async def delegations(self) -> list[tuple[str, Text]]:
        return [(d.key, d.name) for d in await self._store.delegations.all()]
