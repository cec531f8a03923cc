"""The moderators' boards: each session's approved questions by votes, kept up to date.

Every change to a session's questions (a new one waiting, a decision, an upvote) marks the
session once its transaction has committed; a timed job (``refresh``, every few seconds)
then edits each moderator's board message of the marked sessions, so a burst of upvotes
costs one edit per board instead of one per vote. How a board is shown is not this
module's business: a ``BoardView`` (``handlers/questions/board.py``) is handed in.
"""

from __future__ import annotations

import logging
from typing import Protocol

from bot.questions.values import Board, BoardMessage, QuestionStatus
from bot.store.holder import Store

log = logging.getLogger(__name__)


class BoardView(Protocol):
    async def show(self, message: BoardMessage, board: Board) -> bool:
        """Edit ``message`` to show ``board``; False when it can no longer be edited."""
        ...


class Boards:
    def __init__(self, store: Store, view: BoardView) -> None:
        self._store = store
        self._view = view
        self._marked: set[int] = set()

    def mark(self, session_id: int) -> None:
        """Refresh the session's boards at the next run (only if the operation commits)."""
        self._store.db.after_commit(lambda: self._marked.add(session_id))

    async def read(self, session_id: int) -> Board | None:
        """The board of a session, or None when the session is not in the programme."""
        session = await self._store.programme.session(session_id)
        if session is None:
            return None
        counts = await self._store.questions.count_by_status(session_id)
        approved = await self._store.questions.by_votes(session_id, QuestionStatus.APPROVED)
        return Board(
            session,
            tuple(approved),
            pending=counts[QuestionStatus.PENDING],
            answered=counts[QuestionStatus.ANSWERED],
        )

    async def refresh(self) -> None:
        """The timed job: every marked session's boards, each edited once."""
        marked, self._marked = self._marked, set()
        for session_id in sorted(marked):
            try:
                await self._refresh(session_id)
            except Exception:  # Telegram unreachable: try again at the next run
                log.exception("question boards of session %s not refreshed", session_id)
                self._marked.add(session_id)

    async def _refresh(self, session_id: int) -> None:
        board = await self.read(session_id)
        if board is None:
            return
        for message in await self._store.moderators.boards(session_id):
            if not await self._view.show(message, board):
                await self._store.moderators.forget_board(message)
