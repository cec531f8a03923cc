"""Memoised reads of the meeting's content, which changes only when content is loaded.

Every update used to re-read the event, the days and the delegations through the one
aiosqlite thread; under a burst those hops queued behind each other and behind the GIL
(see bench/throughput.py). Content is small and changes only by a load, so reads are
kept in memory and dropped when one happens: ``ContentSync.apply`` in this process calls
``invalidate()``; a ``python -m bot load`` in another process is noticed through
SQLite's ``PRAGMA data_version`` (checked at most once a second). A repository that
writes content tables in this process must call ``invalidate()`` after committing.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from bot.store.unit_of_work import Database

T = TypeVar("T")
RECHECK_SECONDS = 1.0


class ContentCache:
    def __init__(self, db: Database, recheck: float = RECHECK_SECONDS) -> None:
        self._db = db
        self._recheck = recheck
        self._values: dict[Hashable, asyncio.Future[Any]] = {}
        self._generation = 0
        self._data_version: int | None = None
        self._checked_at = float("-inf")

    async def generation(self) -> int:
        """Which content is current: a new number after every load, here or in another
        process (noticed as ``get`` notices it)."""
        await self._notice_other_writers()
        return self._generation

    def invalidate(self) -> None:
        self._values.clear()
        self._generation += 1

    async def get(self, key: Hashable, load: Callable[[], Awaitable[T]]) -> T:
        """The cached value, or the one a concurrent caller is already loading, or a load.

        Sharing the pending load matters under a burst: a hundred users pressing the same
        day at once cause one query, not a hundred.
        """
        await self._notice_other_writers()
        pending = self._values.get(key)
        if pending is not None:
            if pending.done():  # a failed or cancelled load is forgotten: this one succeeded
                return pending.result()  # type: ignore[no-any-return,unused-ignore]
            # Awaiting ``shield`` costs a turn of the event loop even when the load is done:
            # behind a burst's thousand tasks, every content read waited for all of them.
            return await asyncio.shield(pending)  # type: ignore[no-any-return,unused-ignore]
        generation = self._generation
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._values[key] = future
        try:
            value = await load()
        except asyncio.CancelledError:
            self._forget(key, future)
            future.cancel()
            raise
        except Exception as error:
            self._forget(key, future)
            future.set_exception(error)
            future.exception()  # marked as retrieved: the waiters, if any, get it raised
            raise
        future.set_result(value)
        if generation != self._generation:  # invalidated while it was being read
            self._forget(key, future)
        return value

    def _forget(self, key: Hashable, future: asyncio.Future[Any]) -> None:
        if self._values.get(key) is future:
            del self._values[key]

    async def _notice_other_writers(self) -> None:
        now = time.monotonic()
        if now - self._checked_at < self._recheck:
            return
        self._checked_at = now
        async with self._db.execute("PRAGMA data_version") as cursor:
            row = await cursor.fetchone()
        version = int(row[0]) if row else 0
        known, self._data_version = self._data_version, version
        if known is not None and version != known:
            self.invalidate()
