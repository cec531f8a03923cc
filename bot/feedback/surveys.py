"""The after-meeting survey: sent once to everyone, answered one question at a time.

Answers are stored under the question's id from ``data/survey.yaml``, one per person and
question; a button of a question the survey no longer has (or a forged one) is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.delivery.notify import Notifier
from bot.feedback.notices import FeedbackNotices
from bot.feedback.survey import Survey, SurveyQuestion
from bot.feedback.values import SurveyResults
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import require_organiser
from bot.users.values import User

KIND = "survey"


class SurveyOutcome(StrEnum):
    SAVED = "saved"
    AGAIN = "again"
    OUT_OF_DATE = "out_of_date"


@dataclass(frozen=True, slots=True)
class Answered:
    outcome: SurveyOutcome
    next_index: int | None
    """The question to show next (None: that was the last, or the answer was refused)."""


class SurveyService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        notifier: Notifier,
        notices: FeedbackNotices,
        survey: Survey | None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._notifier = notifier
        self._notices = notices
        self.survey = survey
        """None when ``data/`` has no survey (or a broken one): nothing is sent."""

    async def send(self) -> int:
        """The timed job after the meeting: everyone is asked, once; how many."""
        if self.survey is None:
            return 0
        async with self._store.transaction():
            user_ids = await self._store.surveys.recipients()
            if not await self._store.surveys.record_sent(len(user_ids), self._now()):
                return 0
            if user_ids:
                await self._notifier.notify(
                    user_ids, kind=KIND, key="meeting", render=self._notices.survey(self.survey)
                )
        return len(user_ids)

    async def sent(self) -> bool:
        return await self._store.surveys.sent()

    def question(self, index: int) -> SurveyQuestion | None:
        if self.survey is None or not 0 <= index < len(self.survey.questions):
            return None
        return self.survey.questions[index]

    async def answer(self, user: User, index: int, answer: int) -> Answered:
        """Answer ``answer`` (from 1) to question ``index`` (from 0) of the sent survey."""
        question = self.question(index)
        if question is None or not 1 <= answer <= len(question.answers()):
            return Answered(SurveyOutcome.OUT_OF_DATE, None)
        if not await self._store.surveys.sent():
            return Answered(SurveyOutcome.OUT_OF_DATE, None)
        label = question.answers()[answer - 1]
        saved = await self._store.surveys.answer(user.id, question.id, answer, label, self._now())
        following = index + 1 if self.question(index + 1) is not None else None
        return Answered(SurveyOutcome.SAVED if saved else SurveyOutcome.AGAIN, following)

    async def results(self, actor: User) -> list[SurveyResults]:
        """Each question with how many chose each answer (organisers only)."""
        require_organiser(actor)
        if self.survey is None:
            return []
        counts = await self._store.surveys.counts()
        return [
            SurveyResults(
                question.text,
                tuple(
                    (label, counts.get((question.id, number), 0))
                    for number, label in enumerate(question.answers(), start=1)
                ),
            )
            for question in self.survey.questions
        ]

    def _now(self) -> dt.datetime:
        return self._clock.now()
