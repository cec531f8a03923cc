"""Questions to the speakers, the delegates' side: ask one, read the approved, upvote.

Asking is open from 15 minutes before a session until it ends, and bounded per person
(``RateLimit``); a question waits unseen until a moderator approves it. An upvote counts
once per person and question, never for one's own. The checks sit here, whoever calls.
"""

from __future__ import annotations

import datetime as dt

from bot.agenda.values import Session
from bot.content.models import Text
from bot.forms.input import clean
from bot.questions.boards import Boards
from bot.questions.values import (
    QUESTION,
    AskOutcome,
    Question,
    QuestionStatus,
    RateLimit,
    VoteOutcome,
    open_for_questions,
)
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.values import User


class QuestionService:
    def __init__(self, store: Store, clock: Clock, limit: RateLimit, boards: Boards) -> None:
        self._store = store
        self._clock = clock
        self._limit = limit
        self._boards = boards

    def now(self) -> dt.datetime:
        return self._clock.now()

    async def session(self, session_id: int) -> Session | None:
        return await self._store.programme.session(session_id)

    async def may_ask(self, user: User, session_id: int) -> AskOutcome:
        """ALLOWED, or why the person cannot send a question to the session now."""
        session = await self._store.programme.session(session_id)
        if session is None:
            return AskOutcome.UNKNOWN_SESSION
        if not open_for_questions(session, self.now()):
            return AskOutcome.CLOSED
        since = self.now() - self._limit.window
        if await self._store.questions.asked_since(user.id, session_id, since) >= (
            self._limit.questions
        ):
            return AskOutcome.TOO_MANY
        return AskOutcome.ALLOWED

    async def ask(self, user: User, session_id: int, text: str, *, signed: bool) -> AskOutcome:
        """Register a question for the moderators; ``InputRejectedError`` for bad text.

        The checks and the insert are one transaction, so two questions sent at once
        cannot both pass the rate limit.
        """
        cleaned = clean(text, QUESTION, multiline=True)
        async with self._store.transaction():
            outcome = await self.may_ask(user, session_id)
            if outcome is not AskOutcome.ALLOWED:
                return outcome
            signature = await self.signature(user) if signed else None
            await self._store.questions.add(session_id, user.id, cleaned, signature, self.now())
            self._boards.mark(session_id)
        return AskOutcome.SENT

    async def signature(self, user: User) -> tuple[str, Text | None]:
        """The person's name and, for a delegate, their society's name as it is now."""
        delegation = None
        if user.delegation_id is not None:
            delegation = await self._store.delegations.get(user.delegation_id)
        return user.first_name, None if delegation is None else delegation.name

    async def approved(self, session_id: int) -> list[Question]:
        """What everyone may read: the approved questions, most upvoted first."""
        return await self._store.questions.by_votes(session_id, QuestionStatus.APPROVED)

    async def answered(self, session_id: int) -> list[Question]:
        return await self._store.questions.by_votes(session_id, QuestionStatus.ANSWERED)

    async def voted(self, user: User, questions: list[Question]) -> set[int]:
        return await self._store.questions.voted(user.id, (q.id for q in questions))

    async def vote(self, user: User, question_id: int) -> tuple[VoteOutcome, Question | None]:
        """One upvote of an approved question by someone else than its author."""
        async with self._store.transaction():
            question = await self._store.questions.get(question_id)
            if question is None or question.status is not QuestionStatus.APPROVED:
                return VoteOutcome.NOT_SHOWN, None  # a waiting or hidden one stays unseen
            if question.user_id == user.id:
                return VoteOutcome.OWN, question
            if not await self._store.questions.vote(question_id, user.id, self.now()):
                return VoteOutcome.AGAIN, question
            self._boards.mark(question.session_id)
        return VoteOutcome.COUNTED, question
