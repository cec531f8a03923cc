"""Questions to the speakers as the services hand them out: plain immutable values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.agenda.values import Session
from bot.content.models import Text
from bot.forms.input import Bounds

QUESTION = Bounds(10, 500)
"""What a delegate may type: long enough to be a question, short enough to read aloud."""
OPENS_BEFORE = dt.timedelta(minutes=15)
"""Questions to a session are taken from this long before it starts until it ends."""


def open_for_questions(session: Session, now: dt.datetime) -> bool:
    return session.starts_at - OPENS_BEFORE <= now < session.ends_at


class QuestionStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    HIDDEN = "hidden"
    ANSWERED = "answered"


@dataclass(frozen=True, slots=True)
class Question:
    id: int
    session_id: int
    user_id: int
    text: str
    author_name: str | None
    """None: sent anonymously."""
    society: Text | None
    """The asker's delegation as it was named when they asked; None if anonymous or none."""
    status: QuestionStatus
    created_at: dt.datetime
    votes: int = 0


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most ``questions`` per person and session within ``window``."""

    questions: int
    window: dt.timedelta


class AskOutcome(StrEnum):
    SENT = "sent"
    ALLOWED = "allowed"
    """Returned by the pre-check only: the form may start."""
    UNKNOWN_SESSION = "unknown"
    CLOSED = "closed"
    TOO_MANY = "too_many"


class VoteOutcome(StrEnum):
    COUNTED = "counted"
    AGAIN = "again"
    OWN = "own"
    NOT_SHOWN = "not_shown"
    """Unknown, waiting, hidden or answered: nothing to vote for."""


class Decision(StrEnum):
    APPROVE = "approve"
    HIDE = "hide"
    ANSWERED = "answered"


ALLOWED_FROM: dict[Decision, frozenset[QuestionStatus]] = {
    Decision.APPROVE: frozenset({QuestionStatus.PENDING, QuestionStatus.HIDDEN}),
    Decision.HIDE: frozenset({QuestionStatus.PENDING, QuestionStatus.APPROVED}),
    Decision.ANSWERED: frozenset({QuestionStatus.APPROVED}),
}
"""The statuses each decision may be taken from: a second tap finds the status changed."""

RESULT: dict[Decision, QuestionStatus] = {
    Decision.APPROVE: QuestionStatus.APPROVED,
    Decision.HIDE: QuestionStatus.HIDDEN,
    Decision.ANSWERED: QuestionStatus.ANSWERED,
}


class DecisionOutcome(StrEnum):
    DONE = "done"
    UNKNOWN = "unknown"
    ALREADY = "already"
    """Someone decided first (or a second tap): the question is no longer where it was."""


@dataclass(frozen=True, slots=True)
class Board:
    """A session's questions as its moderators see them: approved ones by votes."""

    session: Session
    approved: tuple[Question, ...]
    pending: int
    answered: int


@dataclass(frozen=True, slots=True)
class BoardMessage:
    """Where one moderator's board of one session is shown, in their language."""

    session_id: int
    chat_id: int
    message_id: int
    language: str
