"""When feedback is asked for: a timed job at each session's end, one for the survey.

Jobs carry only a session id; the plan is made from the store at start-up and again every
``check_seconds`` (a `load` may move a session), so a restart or a programme change never
loses a question and a round already sent (``feedback_rounds``) is never planned again.
A session that ended while the bot was down is asked about at once, unless it ended more
than ``LATE_LIMIT`` (an hour) ago; the survey likewise within ``SURVEY_LATE_LIMIT`` (a day).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable

from bot.agenda.values import Session
from bot.feedback.service import FeedbackService
from bot.feedback.surveys import SurveyService
from bot.feedback.values import LATE_LIMIT, SURVEY_LATE_LIMIT
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.time.scheduler import JobArg, Scheduler

log = logging.getLogger(__name__)
SURVEY_JOB = "survey"


def feedback_job(session_id: int) -> str:
    return f"feedback:{session_id}"


class FeedbackJobs:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        scheduler: Scheduler,
        feedback: FeedbackService,
        surveys: SurveyService,
        *,
        check_seconds: float,
        survey_delay: dt.timedelta,
    ) -> None:
        self._store = store
        self._clock = clock
        self._scheduler = scheduler
        self._feedback = feedback
        self._surveys = surveys
        self._check_seconds = check_seconds
        self._survey_delay = survey_delay
        self._planned: dict[str, dt.datetime] = {}

    async def start(self) -> None:
        """Rebuild the plan from the store; called when the bot starts."""
        self._scheduler.run_every("feedback-plan", self._check_seconds, self.plan)
        await self.plan()

    async def plan(self) -> None:
        """A job at the end of every session not asked about yet, and one for the survey."""
        now = self._clock.now()
        sessions = await self._store.programme.sessions()
        asked = await self._store.feedback.asked_sessions()
        for session in sessions:
            job_id = feedback_job(session.id)
            if session.id in asked or session.ends_at < now - LATE_LIMIT:
                self._cancel(job_id)
            else:
                self._at(job_id, session.ends_at, self.ask, session.id)
        due = self._survey_due(sessions)
        if due is not None and due >= now - SURVEY_LATE_LIMIT and not await self._surveys.sent():
            self._at(SURVEY_JOB, due, self.send_survey)
        else:
            self._cancel(SURVEY_JOB)

    def _survey_due(self, sessions: list[Session]) -> dt.datetime | None:
        """When the survey goes out: a while after the last session ends (None: no survey)."""
        if not sessions or self._surveys.survey is None:
            return None
        return max(session.ends_at for session in sessions) + self._survey_delay

    async def ask(self, session_id: int) -> None:
        self._planned.pop(feedback_job(session_id), None)
        asked = await self._feedback.ask_followers(session_id)
        log.info("feedback on session %s: %s asked", session_id, asked)

    async def send_survey(self) -> None:
        self._planned.pop(SURVEY_JOB, None)
        due = self._survey_due(await self._store.programme.sessions())
        now = self._clock.now()
        if due is None or due > now or due < now - SURVEY_LATE_LIMIT:
            return  # the programme changed, or the moment has passed: the plan decides
        log.info("survey: %s asked", await self._surveys.send())

    def _at(
        self, job_id: str, moment: dt.datetime, job: Callable[..., Awaitable[None]], *args: JobArg
    ) -> None:
        """(Re)plan only what changed: a job planned for the same moment is left alone."""
        if self._planned.get(job_id) != moment:
            self._scheduler.run_at(job_id, moment, job, *args)
            self._planned[job_id] = moment

    def _cancel(self, job_id: str) -> None:
        if self._planned.pop(job_id, None) is not None:
            self._scheduler.cancel(job_id)
