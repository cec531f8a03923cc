"""The SQLite store: one connection, migrations, and a repository per aggregate."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.agenda.repository import ProgrammeRepository
from bot.broadcasts.repository import BroadcastRepository
from bot.content.cache import ContentCache
from bot.content.sync import ContentSync
from bot.delegations.repository import DelegationRepository
from bot.delivery.email_outbox import EmailOutboxRepository
from bot.delivery.outbox import OutboxRepository
from bot.email.contacts import ContactRepository
from bot.feedback.repository import FeedbackRepository
from bot.feedback.survey_repository import SurveyRepository
from bot.invites.repository import InviteRepository
from bot.press.repository import interviews, photos
from bot.press.repository.accreditations import AccreditationRepository
from bot.press.repository.embargo_log import EmbargoLogRepository
from bot.press.repository.quote_bank import QuoteBankRepository
from bot.press.repository.quote_requests import QuoteRequestRepository
from bot.press.repository.releases import PressReleaseRepository
from bot.press.repository.subscribers import PressSubscriberRepository
from bot.privacy.repository import PrivacyRepository
from bot.programme.audit import AuditRepository
from bot.programme.board_repository import BoardRepository
from bot.programme.overrides import OverrideRepository
from bot.programme.reconcile import ChatEditsHook
from bot.programme.repository import EditRepository
from bot.programme.stage_repository import StageRepository
from bot.programme.sync_state import SyncStateRepository
from bot.questions.moderators import ModeratorRepository
from bot.questions.repository import QuestionRepository
from bot.reminders.repository import ReminderRepository
from bot.store.database import connect, migrate, schema_version
from bot.store.unit_of_work import Database
from bot.summaries.repository import SummaryRepository
from bot.users.repository import UserRepository


class Store:
    """Opened once at start-up; every repository shares its one connection.

    ``async with store.transaction():`` is the unit of work: the writes of one
    operation, across repositories and outbox rows included, commit together.
    """

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self.db = Database(conn)
        self.outbox = OutboxRepository(self.db)
        self.content_cache = ContentCache(self.db)
        self.reminders = ReminderRepository(self.db, self.content_cache)
        self.programme = ProgrammeRepository(self.db, self.content_cache)
        self.delegations = DelegationRepository(self.db, self.content_cache)
        self.summaries = SummaryRepository(self.db, self.content_cache)
        self.users = UserRepository(self.db)
        self.programme_edits = EditRepository(self.db)
        self.programme_overrides = OverrideRepository(self.db)
        self.programme_audit = AuditRepository(self.db)
        self.stage = StageRepository(self.db)
        self.live_boards = BoardRepository(self.db)
        self.schedule_sync = SyncStateRepository(self.db)
        self.content = ContentSync(
            self.db,
            self.content_cache,
            ChatEditsHook(self.programme_edits, self.programme_overrides, self.programme_audit),
        )
        self.accreditations = AccreditationRepository(self.db)
        self.press_subscribers = PressSubscriberRepository(self.db)
        self.press_releases = PressReleaseRepository(self.db)
        self.quote_requests = QuoteRequestRepository(self.db)
        self.quote_bank = QuoteBankRepository(self.db)
        self.embargo_log = EmbargoLogRepository(self.db)
        self.invites = InviteRepository(self.db)
        self.broadcasts = BroadcastRepository(self.db)
        self.questions = QuestionRepository(self.db)
        self.moderators = ModeratorRepository(self.db)
        self.feedback = FeedbackRepository(self.db)
        self.surveys = SurveyRepository(self.db)
        self.press_photos = photos.PhotoRepository(self.db)
        self.interviews = interviews.InterviewRepository(self.db)
        self.privacy = PrivacyRepository(self.db)
        self.email_contacts = ContactRepository(self.db)
        self.email_outbox = EmailOutboxRepository(self.db)

    @classmethod
    async def open(cls, path: Path) -> Store:
        conn = await connect(path, autocommit=True)
        try:
            await migrate(conn)
        except BaseException:
            await conn.close()  # its thread would keep the process from exiting
            raise
        return cls(conn)

    def transaction(self) -> AbstractAsyncContextManager[None]:
        return self.db.transaction()

    async def health(self) -> dict[str, Any]:
        """For ``/healthz``: the connection answers and the schema is the one expected."""
        await self.db.run("SELECT 1")
        return {"ok": True, "schema_version": await schema_version(self.conn)}

    async def close(self) -> None:
        await self.conn.close()
