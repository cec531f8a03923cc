"""Pages built only from the meeting's content and the reader's language, kept until the
content changes.

The programme's days, the delegation list and the summaries' days read the same for
every reader of a language, yet each /agenda rebuilt its text and buttons: in
bench/throughput.py rendering was a third of the bot's CPU per update. A page is kept
under a key naming everything it is built from besides the content (the language, the
page number); every load of content, in this process or another, starts afresh.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from bot.content.cache import ContentCache

T = TypeVar("T")
KEPT_PAGES = 512
"""More than a meeting's pages in two languages; forged page numbers cannot grow it."""


class KeptPages:
    def __init__(self, content: ContentCache, limit: int = KEPT_PAGES) -> None:
        self._content = content
        self._limit = limit
        self._pages: dict[Hashable, Any] = {}
        self._generation: int | None = None

    async def get(self, key: Hashable, build: Callable[[], Awaitable[T]]) -> T:
        """The page kept under ``key`` for the current content, else ``await build()``.

        ``build`` reads the content itself: the generation is read first, so a page built
        while a load landed is kept under the older one and dropped at the next call.
        """
        generation = await self._content.generation()
        if generation != self._generation:
            self._pages.clear()
            self._generation = generation
        if key in self._pages:
            return self._pages[key]  # type: ignore[no-any-return]
        page = await build()
        if self._generation != generation:  # newer content was seen while building
            return page
        if len(self._pages) >= self._limit:
            self._pages.clear()
        self._pages[key] = page
        return page
