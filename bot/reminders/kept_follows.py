"""What each user follows, kept between their taps.

A session's page shows «Remind me» or «Don't remind me», a day's page whether the day is
followed: one read per tap, and under a burst (bench/peak.py, bench/throughput.py) those
reads were most of what a tap still asked of the store. A user's sessions and days are
read together once and kept. Every write to them goes through ``ReminderRepository``,
which forgets the user as it writes and again once the write has committed; nothing read
inside a transaction is kept (it may yet be rolled back). A content load, or any write by
another process (noticed within a second, as the content cache notices it), forgets
everyone.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.content.cache import ContentCache
from bot.store.unit_of_work import Database

KEPT_USERS = 4096
"""The users tapping in the last minutes of a busy meeting; each costs a few hundred
bytes."""


@dataclass(frozen=True, slots=True)
class Follows:
    sessions: frozenset[int]
    days: frozenset[str]
    """ISO dates."""


class KeptFollows:
    def __init__(self, db: Database, content: ContentCache, limit: int = KEPT_USERS) -> None:
        self._db = db
        self._content = content
        self._limit = limit
        self._kept: OrderedDict[int, Follows] = OrderedDict()
        self._generation: int | None = None
        self._forgotten = 0
        """Counts forgettings: a read that began before one is not kept."""

    async def of(self, user_id: int, read: Callable[[], Awaitable[Follows]]) -> Follows:
        generation = await self._content.generation()
        if generation != self._generation:
            self._kept.clear()
            self._generation = generation
        if self._db.in_transaction():
            return await read()  # what this operation wrote may yet be rolled back
        kept = self._kept.get(user_id)
        if kept is not None:
            self._kept.move_to_end(user_id)
            return kept
        forgotten = self._forgotten
        follows = await read()
        if forgotten == self._forgotten and generation == self._generation:
            self._kept[user_id] = follows
            if len(self._kept) > self._limit:
                self._kept.popitem(last=False)
        return follows

    def forget(self, user_id: int | None = None) -> None:
        """Forget the user (everyone with None) now and once the current write commits."""
        self._drop(user_id)
        self._db.after_commit(lambda: self._drop(user_id))

    def _drop(self, user_id: int | None) -> None:
        self._forgotten += 1
        if user_id is None:
            self._kept.clear()
        else:
            self._kept.pop(user_id, None)
