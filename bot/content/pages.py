"""Pages built only from the meeting's content, kept until the content changes.

The programme's days, the delegation list, a day's sessions read the same for every
reader of a language, yet each tap rebuilt their text and buttons: in bench/throughput.py
rendering was a third of the bot's CPU per update. A page is kept under a key naming
everything it is built from besides the content (the language, the page number, the
reader's toggle, what of the time it shows); every load of content, in this process or
another, starts a new shelf.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from bot.content.cache import ContentCache

T = TypeVar("T")
KEPT_PAGES = 512
"""More than a meeting's pages in two languages; forged page numbers cannot grow it."""


class Shelf:
    """The pages of one generation of the content."""

    def __init__(self, generation: int | None, limit: int) -> None:
        self.generation = generation
        self._limit = limit
        self._pages: dict[Hashable, Any] = {}

    def __len__(self) -> int:
        return len(self._pages)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._pages

    def __getitem__(self, key: Hashable) -> Any:
        return self._pages[key]

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The page kept under ``key``, else ``build()``, kept."""
        return self[key] if key in self else self.keep(key, build())

    def keep(self, key: Hashable, page: T) -> T:
        if len(self._pages) >= self._limit:
            self._pages.clear()
        self._pages[key] = page
        return page


class KeptPages:
    def __init__(self, content: ContentCache, limit: int = KEPT_PAGES) -> None:
        self._content = content
        self._limit = limit
        self._shelf = Shelf(None, limit)

    async def current(self) -> Shelf:
        """The shelf of the current content. Take it *before* reading the content a page
        is built from: a page built from content loaded since then lands on a shelf
        that the next call replaces."""
        generation = await self._content.generation()
        if generation != self._shelf.generation:
            self._shelf = Shelf(generation, self._limit)
        return self._shelf

    async def get(self, key: Hashable, build: Callable[[], Awaitable[T]]) -> T:
        """The page kept under ``key``, else ``await build()`` (which reads the content)."""
        shelf = await self.current()
        return shelf[key] if key in shelf else shelf.keep(key, await build())
