"""The SQLite store: one connection, migrations, and a repository per aggregate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiosqlite

from bot.store.content_cache import ContentCache
from bot.store.content_sync import ContentSync
from bot.store.database import connect, migrate, schema_version
from bot.store.delegations import DelegationRepository
from bot.store.programme import ProgrammeRepository
from bot.store.summaries import SummaryRepository
from bot.store.users import UserRepository


class Store:
    """Opened once at start-up; repositories share its connection."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self.content_cache = ContentCache(conn)
        self.programme = ProgrammeRepository(conn, self.content_cache)
        self.delegations = DelegationRepository(conn, self.content_cache)
        self.summaries = SummaryRepository(conn, self.content_cache)
        self.users = UserRepository(conn)
        self.content = ContentSync(conn, self.content_cache)

    @classmethod
    async def open(cls, path: Path) -> Store:
        conn = await connect(path)
        await migrate(conn)
        return cls(conn)

    async def health(self) -> dict[str, Any]:
        """For ``/healthz``: the connection answers and the schema is the one expected."""
        async with self.conn.execute("SELECT 1") as cursor:
            await cursor.fetchone()
        return {"ok": True, "schema_version": await schema_version(self.conn)}

    async def close(self) -> None:
        await self.conn.close()
