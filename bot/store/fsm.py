"""aiogram FSM storage in the bot's SQLite file, so a half-filled form survives a restart."""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey

from bot.store.unit_of_work import Database

CACHED_KEYS = 50_000
NO_ROW: tuple[str | None, str] = (None, "{}")
"""A key never written: no state, no data."""


class SQLiteStorage(BaseStorage):
    """One row per conversation key; the data is JSON, as aiogram's own Redis storage keeps it.

    aiogram reads the state of every update, so rows are also kept in memory (written
    through): only this process writes them, and a read costs no trip to the database.
    The keys of rows holding a state or data are read once: a user who never filled a
    form (most of them) costs no read at their first update either (bench/peak.py: a
    thousand users tapping after a restart, one statement fewer each), and no memory
    (bench/memory.py: 10,000 users, 1.4 MB less).
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._keys = DefaultKeyBuilder(with_destiny=True, with_bot_id=True)
        self._cache: OrderedDict[str, tuple[str | None, str]] = OrderedDict()
        self._held: set[str] | None = None
        self._loading = asyncio.Lock()

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        built = self._keys.build(key)
        _, data = await self._row(built)
        self._remember(built, (value, data))  # before any await: concurrent writes stay ordered
        await self._hold(built)
        await self._db.execute(
            "INSERT INTO fsm_states (key, state) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET state = excluded.state",
            (built, value),
        )

    async def get_state(self, key: StorageKey) -> str | None:
        state, _ = await self._row(self._keys.build(key))
        return state

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        if not isinstance(data, dict):
            message = f"Data must be a dict or dict-like object, got {type(data).__name__}"
            raise DataNotDictLikeError(message)
        built = self._keys.build(key)
        state, _ = await self._row(built)
        encoded = json.dumps(data, ensure_ascii=False)
        self._remember(built, (state, encoded))  # before any await, as in set_state
        await self._hold(built)
        await self._db.execute(
            "INSERT INTO fsm_states (key, data) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET data = excluded.data",
            (built, encoded),
        )

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        _, data = await self._row(self._keys.build(key))
        return dict(json.loads(data))

    def forget_user(self, user_id: int) -> None:
        """After an erasure (bot/privacy) deleted the user's rows: no form of theirs is
        answered from memory. The user id is the key's second-to-last part."""
        for key in [k for k in self._cache if k.split(":")[-2:-1] == [str(user_id)]]:
            del self._cache[key]
        if self._held is not None:
            self._held = {k for k in self._held if k.split(":")[-2:-1] != [str(user_id)]}

    async def close(self) -> None:
        """The store owns the connection and closes it."""

    async def _row(self, key: str) -> tuple[str | None, str]:
        """``(state, data as JSON)``; a key never written reads as no state and no data."""
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        if key not in await self._held_keys():
            return NO_ROW
        async with self._db.execute(
            "SELECT state, data FROM fsm_states WHERE key = ?", (key,)
        ) as cursor:
            row = await cursor.fetchone()
        cached = self._cache.get(key)
        if cached is not None:  # written by another update while this one read the row
            return cached
        found = NO_ROW if row is None else (row["state"], row["data"])
        self._remember(key, found)
        return found

    async def _held_keys(self) -> set[str]:
        """Keys whose row may hold a state or data, read on first use; every write goes
        through ``_row`` first, so none lands before they are read."""
        if self._held is None:
            async with self._loading:
                if self._held is None:
                    rows = await self._db.execute_fetchall(
                        "SELECT key FROM fsm_states WHERE state IS NOT NULL OR data != '{}'"
                    )
                    self._held = {row[0] for row in rows}
        return self._held

    async def _hold(self, key: str) -> None:
        (await self._held_keys()).add(key)

    def _remember(self, key: str, row: tuple[str | None, str]) -> None:
        self._cache[key] = row
        self._cache.move_to_end(key)
        if len(self._cache) > CACHED_KEYS:
            self._cache.popitem(last=False)
