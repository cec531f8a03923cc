"""Questions to the speakers, the moderators' side: incoming questions, decisions, boards.

Organisers moderate every session; anyone else only the sessions an organiser named them
for (a moderator invite link). Every operation takes the acting user and refuses anyone
else with ``NotAllowedError``, whoever calls it.
"""

from __future__ import annotations

import datetime as dt

from bot.agenda.values import Session
from bot.questions.boards import Boards
from bot.questions.values import (
    ALLOWED_FROM,
    RESULT,
    Board,
    BoardMessage,
    Decision,
    DecisionOutcome,
    Question,
)
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import NotAllowedError
from bot.users.values import Role, User


class ModerationService:
    def __init__(self, store: Store, clock: Clock, boards: Boards) -> None:
        self._store = store
        self._clock = clock
        self._boards = boards

    async def may_moderate(self, user: User, session_id: int) -> bool:
        return user.is_organiser or await self._store.moderators.moderates(session_id, user.id)

    async def _require(self, user: User, session_id: int) -> None:
        if not await self.may_moderate(user, session_id):
            raise NotAllowedError(Role.ORGANISER)

    async def sessions(self, user: User) -> list[tuple[Session, int]]:
        """The sessions the person moderates (every one for organisers), in programme
        order, each with the number of questions waiting."""
        programme = await self._store.programme.sessions()
        if not user.is_organiser:
            mine = await self._store.moderators.sessions_of(user.id)
            programme = [session for session in programme if session.id in mine]
        pending = await self._store.questions.pending_per_session()
        return [(session, pending.get(session.id, 0)) for session in programme]

    async def session(self, user: User, session_id: int) -> Session | None:
        await self._require(user, session_id)
        return await self._store.programme.session(session_id)

    async def board(self, user: User, session_id: int) -> Board | None:
        """The session's board; None when the session is not in the programme."""
        await self._require(user, session_id)
        return await self._boards.read(session_id)

    async def keep_board(self, user: User, message: BoardMessage) -> None:
        """``message`` shows the board now: upvotes and decisions will refresh it."""
        await self._require(user, message.session_id)
        await self._store.moderators.remember_board(message)

    async def next_pending(self, user: User, session_id: int, after_id: int = 0) -> Question | None:
        """The oldest question still waiting (after ``after_id``: «skip» moves on)."""
        await self._require(user, session_id)
        return await self._store.questions.first_pending(session_id, after_id)

    async def decide(
        self, user: User, question_id: int, decision: Decision
    ) -> tuple[DecisionOutcome, Question | None]:
        """Approve, hide or mark answered; a decision taken already changes nothing."""
        async with self._store.transaction():
            question = await self._store.questions.get(question_id)
            if question is None:
                return DecisionOutcome.UNKNOWN, None
            await self._require(user, question.session_id)
            done = await self._store.questions.decide(
                question_id, ALLOWED_FROM[decision], RESULT[decision], user.id, self._now()
            )
            if not done:
                return DecisionOutcome.ALREADY, question
            self._boards.mark(question.session_id)
        return DecisionOutcome.DONE, question

    def _now(self) -> dt.datetime:
        return self._clock.now()
