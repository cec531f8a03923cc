"""The SQLite store: one connection, migrations, and a repository per aggregate."""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from bot.store.broadcasts import BroadcastRepository
from bot.store.content_sync import ContentSync
from bot.store.database import connect, migrate
from bot.store.delegations import DelegationRepository
from bot.store.invites import InviteRepository
from bot.store.outbox import OutboxRepository
from bot.store.programme import ProgrammeRepository
from bot.store.reminders import ReminderRepository
from bot.store.summaries import SummaryRepository
from bot.store.users import UserRepository


class Store:
    """Opened once at start-up; repositories share its connection, except the outbox."""

    def __init__(self, conn: aiosqlite.Connection, outbox_conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self.outbox_conn = outbox_conn
        self.outbox = OutboxRepository(outbox_conn)
        self.reminders = ReminderRepository(conn)
        self.programme = ProgrammeRepository(conn)
        self.delegations = DelegationRepository(conn)
        self.summaries = SummaryRepository(conn)
        self.users = UserRepository(conn)
        self.content = ContentSync(conn)
        self.invites = InviteRepository(conn)
        self.broadcasts = BroadcastRepository(conn)

    @classmethod
    async def open(cls, path: Path) -> Store:
        conn = await connect(path)
        await migrate(conn)
        return cls(conn, await connect(path))

    async def close(self) -> None:
        await self.outbox_conn.close()
        await self.conn.close()
