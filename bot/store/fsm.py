"""aiogram FSM storage in the bot's SQLite file, so a half-filled form survives a restart."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import aiosqlite
from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey


class SQLiteStorage(BaseStorage):
    """One row per conversation key; the data is JSON, as aiogram's own Redis storage keeps it."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        self._keys = DefaultKeyBuilder(with_destiny=True, with_bot_id=True)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._conn.execute(
            "INSERT INTO fsm_states (key, state) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET state = excluded.state",
            (self._keys.build(key), value),
        )
        await self._conn.commit()

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._row(key)
        return None if row is None else row["state"]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        if not isinstance(data, dict):
            message = f"Data must be a dict or dict-like object, got {type(data).__name__}"
            raise DataNotDictLikeError(message)
        await self._conn.execute(
            "INSERT INTO fsm_states (key, data) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET data = excluded.data",
            (self._keys.build(key), json.dumps(data, ensure_ascii=False)),
        )
        await self._conn.commit()

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._row(key)
        return {} if row is None else dict(json.loads(row["data"]))

    async def close(self) -> None:
        """The store owns the connection and closes it."""

    async def _row(self, key: StorageKey) -> aiosqlite.Row | None:
        async with self._conn.execute(
            "SELECT state, data FROM fsm_states WHERE key = ?", (self._keys.build(key),)
        ) as cursor:
            return await cursor.fetchone()
