"""The feedback feature assembled once, as ``bot/app.py`` hands it to the Dispatcher."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.config import Settings
from bot.delivery.notify import Notifier
from bot.feedback.jobs import FeedbackJobs
from bot.feedback.notices import FeedbackNotices
from bot.feedback.service import FeedbackService
from bot.feedback.survey import read_survey
from bot.feedback.surveys import SurveyService
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.time.scheduler import Scheduler


@dataclass(frozen=True, slots=True)
class FeedbackDesk:
    feedback: FeedbackService
    surveys: SurveyService
    jobs: FeedbackJobs

    @classmethod
    def build(
        cls,
        store: Store,
        clock: Clock,
        scheduler: Scheduler,
        notifier: Notifier,
        notices: FeedbackNotices,
        settings: Settings,
    ) -> FeedbackDesk:
        """The survey is read from the data folder once, at start-up."""
        feedback = FeedbackService(store, clock, notifier, notices)
        surveys = SurveyService(store, clock, notifier, notices, read_survey(settings.data_dir))
        jobs = FeedbackJobs(
            store,
            clock,
            scheduler,
            feedback,
            surveys,
            check_seconds=settings.feedback_check_seconds,
            survey_delay=dt.timedelta(minutes=settings.survey_delay_minutes),
        )
        return cls(feedback, surveys, jobs)

    def workflow_data(self) -> dict[str, Any]:
        """The services handlers receive by name."""
        return {"feedback": self.feedback, "surveys": self.surveys}
