"""The SQLite store: one connection, migrations, and a repository per aggregate."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import aiosqlite

from bot.agenda.repository import ProgrammeRepository
from bot.broadcasts.repository import BroadcastRepository
from bot.content.cache import ContentCache
from bot.content.sync import ContentSync
from bot.delegations.repository import DelegationRepository
from bot.delivery.outbox import OutboxRepository
from bot.invites.repository import InviteRepository
from bot.press.repository.accreditations import AccreditationRepository
from bot.press.repository.quote_bank import QuoteBankRepository
from bot.press.repository.quote_requests import QuoteRequestRepository
from bot.press.repository.releases import PressReleaseRepository
from bot.press.repository.subscribers import PressSubscriberRepository
from bot.reminders.repository import ReminderRepository
from bot.store.database import connect, migrate, schema_version
from bot.summaries.repository import SummaryRepository
from bot.users.repository import UserRepository


class Store:
    """Opened once at start-up; repositories share its connection, except the outbox."""

    def __init__(self, conn: aiosqlite.Connection, outbox_conn: aiosqlite.Connection) -> None:
        self.conn = conn
        # Explicit multi-statement transactions on the shared connection take turns.
        self.transaction_lock = asyncio.Lock()
        self.outbox_conn = outbox_conn
        self.outbox = OutboxRepository(outbox_conn)
        self.reminders = ReminderRepository(conn)
        self.content_cache = ContentCache(conn)
        self.programme = ProgrammeRepository(conn, self.content_cache)
        self.delegations = DelegationRepository(conn, self.content_cache)
        self.summaries = SummaryRepository(conn, self.content_cache)
        self.users = UserRepository(conn)
        self.content = ContentSync(conn, self.content_cache, self.transaction_lock)
        self.accreditations = AccreditationRepository(conn)
        self.press_subscribers = PressSubscriberRepository(conn)
        self.press_releases = PressReleaseRepository(conn)
        self.quote_requests = QuoteRequestRepository(conn)
        self.quote_bank = QuoteBankRepository(conn)
        self.invites = InviteRepository(conn, self.transaction_lock)
        self.broadcasts = BroadcastRepository(conn)

    @classmethod
    async def open(cls, path: Path) -> Store:
        conn = await connect(path, autocommit=True)
        await migrate(conn)
        return cls(conn, await connect(path))

    async def health(self) -> dict[str, Any]:
        """For ``/healthz``: the connection answers and the schema is the one expected."""
        async with self.conn.execute("SELECT 1") as cursor:
            await cursor.fetchone()
        return {"ok": True, "schema_version": await schema_version(self.conn)}

    async def close(self) -> None:
        await self.outbox_conn.close()
        await self.conn.close()
