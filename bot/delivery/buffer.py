"""The worker's memory of the outbox: queued rows by lane, then age, and who may get one.

Each lane reads its own queued rows from the store, oldest first, up to ``capacity`` held
at once, so a broadcast filling the memory never keeps a reminder waiting in the store.
A row is held from the moment it is read until its outcome is known (in flight
included); dropping it (cancelled, unreachable) forgets it, and the heaps skip it.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable

from bot.delivery.lanes import Lane
from bot.delivery.outbox import OutboxRepository, QueuedRow


class SendBuffer:
    def __init__(self, capacity: int, chat_interval: float, group_interval: float) -> None:
        self._capacity = capacity
        self._chat_interval = chat_interval
        self._group_interval = group_interval
        self._ready: list[tuple[int, int, QueuedRow]] = []  # (lane, id): the next to send
        self._waiting: list[tuple[float, int, int, QueuedRow]] = []  # until a moment
        self._held: dict[int, QueuedRow] = {}
        self._per_lane: Counter[Lane] = Counter()
        self._after: dict[Lane, int] = dict.fromkeys(Lane, 0)
        self._more: set[Lane] = set(Lane)
        self._chat_free_at: dict[int, float] = {}

    def __len__(self) -> int:
        return len(self._ready) + len(self._waiting)

    @property
    def more_in_store(self) -> bool:
        return bool(self._more)

    def expect(self, lane: Lane) -> None:
        """Rows were queued in ``lane``: read it again."""
        self._more.add(lane)

    def restart(self) -> None:
        """Forget everything held and read every lane from its start again."""
        self._ready.clear()
        self._waiting.clear()
        self._held.clear()
        self._per_lane.clear()
        self._after = dict.fromkeys(Lane, 0)
        self._more = set(Lane)

    async def refill(self, outbox: OutboxRepository) -> None:
        """Read the lanes that may have more, each once at least half of its room is free."""
        for lane in sorted(self._more):
            room = self._capacity - self._per_lane[lane]
            if room < self._capacity // 2:
                continue
            self._more.discard(lane)
            rows = await outbox.queued(self._after[lane], room, lane)
            for row in rows:
                self._after[lane] = max(self._after[lane], row.id)
                if row.id not in self._held:
                    self._hold(row)
                    heapq.heappush(self._ready, (row.lane, row.id, row))
            if len(rows) == room:
                self._more.add(lane)

    def next_ready(self, now: float) -> QueuedRow | None:
        """The first row by (lane, id) whose chat may get a message at ``now``."""
        while self._waiting and self._waiting[0][0] <= now:
            _at, lane, row_id, row = heapq.heappop(self._waiting)
            heapq.heappush(self._ready, (lane, row_id, row))
        while self._ready:
            lane, row_id, row = heapq.heappop(self._ready)
            if row_id not in self._held:
                continue  # dropped (cancelled, unreachable)
            free_at = self._chat_free_at.get(row.chat_id, 0.0)
            if free_at > now:
                heapq.heappush(self._waiting, (free_at, lane, row_id, row))
                continue
            return row
        return None

    def put_back(self, row: QueuedRow) -> None:
        """A row taken by ``next_ready`` that could not go after all."""
        heapq.heappush(self._ready, (row.lane, row.id, row))

    def next_moment(self) -> float | None:
        """When the earliest waiting row may go."""
        return self._waiting[0][0] if self._waiting else None

    def sending(self, row: QueuedRow, now: float) -> None:
        """The row's send starts: its chat is busy for its interval."""
        interval = self._group_interval if row.chat_id < 0 else self._chat_interval
        self._chat_free_at[row.chat_id] = now + interval  # groups have negative ids

    def hold_chat(self, chat_id: int, until: float) -> None:
        """No message to ``chat_id`` before ``until`` (its own limit answered 429)."""
        self._chat_free_at[chat_id] = max(self._chat_free_at.get(chat_id, 0.0), until)

    def retry_at(self, row: QueuedRow, at: float) -> None:
        """Try the row (perhaps with new attempts) again at ``at``, if it is still held."""
        if row.id in self._held:
            self._held[row.id] = row
            heapq.heappush(self._waiting, (at, row.lane, row.id, row))

    def finish(self, row_id: int) -> None:
        """The row has its outcome: it is no longer the worker's."""
        row = self._held.pop(row_id, None)
        if row is not None:
            self._per_lane[row.lane] -= 1

    def drop(self, predicate: Callable[[QueuedRow], bool]) -> None:
        """Forget held rows (the store already changed their state); in flight, a row
        lands if it lands but is never retried."""
        for row in [row for row in self._held.values() if predicate(row)]:
            self.finish(row.id)

    def drop_chats(self, chat_ids: Iterable[int]) -> None:
        gone = set(chat_ids)
        self.drop(lambda row: row.chat_id in gone)

    def _hold(self, row: QueuedRow) -> None:
        self._held[row.id] = row
        self._per_lane[row.lane] += 1
