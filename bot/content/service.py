"""Loading ``data/`` into the store: the one way content gets in."""

from __future__ import annotations

from pathlib import Path

from bot.content import load_content
from bot.content.sync import SyncReport
from bot.store.holder import Store
from bot.time.clock import Clock


class ContentService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def load(self, directory: Path) -> SyncReport:
        """Validate the files, then make the store match them (raises ``ContentError``)."""
        content = load_content(directory)
        return await self._store.content.apply(content, self._clock.now())

    async def load_if_empty(self, directory: Path) -> SyncReport | None:
        if not await self._store.content.is_empty():
            return None
        return await self.load(directory)
