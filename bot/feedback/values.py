"""Feedback on sessions and the after-meeting survey, as the services hand them out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.content.models import Text
from bot.forms.input import Bounds

RATINGS = range(1, 6)
COMMENT = Bounds(2, 500)
LATE_LIMIT = dt.timedelta(hours=1)
"""A session that ended longer ago than this is not asked about any more (the bot was down
when it ended): by then the next session is on, and a late question is noise."""
SURVEY_LATE_LIMIT = dt.timedelta(days=1)
"""The survey is not sent more than this after it was due: a bot started long after the
meeting (or on last year's data) must not survey everyone it ever met."""
SHOWN_COMMENTS = 3
"""Comments per session in /stats; the CSV export has them all."""


class RateOutcome(StrEnum):
    SAVED = "saved"
    AGAIN = "again"
    NOT_ASKED = "not_asked"
    """A session the person was never asked about (a forged or foreign button)."""


class CommentOutcome(StrEnum):
    SAVED = "saved"
    NOT_RATED = "not_rated"
    ALREADY = "already"


@dataclass(frozen=True, slots=True)
class SessionResults:
    """What one session's raters said: how many, the average, each star's count."""

    session_id: int
    title: Text
    distribution: tuple[int, ...]
    """Ratings 1 to 5, in that order."""
    comments: tuple[str, ...]
    """The latest ones first, at most ``SHOWN_COMMENTS``."""
    comment_count: int

    @property
    def count(self) -> int:
        return sum(self.distribution)

    @property
    def average(self) -> float:
        pairs = zip(RATINGS, self.distribution, strict=True)
        total = sum(rating * count for rating, count in pairs)
        return total / self.count if self.count else 0.0


@dataclass(frozen=True, slots=True)
class SurveyResults:
    """One survey question: how many chose each answer, in the survey's order."""

    question: Text
    answers: tuple[tuple[Text, int], ...]

    @property
    def count(self) -> int:
        return sum(count for _label, count in self.answers)
