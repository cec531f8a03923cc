"""The questions feature assembled once, as ``bot/app.py`` hands it to the Dispatcher."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.config import Settings
from bot.questions.boards import Boards, BoardView
from bot.questions.moderation import ModerationService
from bot.questions.service import QuestionService
from bot.questions.values import RateLimit
from bot.store.holder import Store
from bot.time.clock import Clock


@dataclass(frozen=True, slots=True)
class QuestionDesk:
    questions: QuestionService
    moderation: ModerationService
    boards: Boards

    @classmethod
    def build(cls, store: Store, clock: Clock, settings: Settings, view: BoardView) -> QuestionDesk:
        boards = Boards(store, view)
        limit = RateLimit(
            settings.questions_per_window, dt.timedelta(minutes=settings.questions_window_minutes)
        )
        return cls(
            QuestionService(store, clock, limit, boards),
            ModerationService(store, clock, boards),
            boards,
        )

    def workflow_data(self) -> dict[str, Any]:
        """The services handlers receive by name."""
        return {"questions": self.questions, "moderation": self.moderation}
