"""Repository of questions to the speakers and their upvotes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import aiosqlite

from bot.content.models import Text
from bot.questions.values import Question, QuestionStatus
from bot.store.codec import text_from, text_json, utc_from, utc_text
from bot.store.unit_of_work import Database

_SELECT = """
    SELECT q.id, q.session_id, q.user_id, q.text, q.author_name, q.society, q.status,
           q.created_at,
           (SELECT count(*) FROM question_votes v WHERE v.question_id = q.id) AS votes
    FROM questions q
"""


class QuestionRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        session_id: int,
        user_id: int,
        text: str,
        signature: tuple[str, Text | None] | None,
        now: dt.datetime,
    ) -> int:
        """A new question, waiting for a moderator; ``signature`` None: anonymous."""
        name, society = signature if signature is not None else (None, None)
        result = await self._db.run(
            "INSERT INTO questions (session_id, user_id, text, author_name, society, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (session_id, user_id, text, name, text_json(society), utc_text(now)),
        )
        assert result.lastrowid is not None
        return result.lastrowid

    async def get(self, question_id: int) -> Question | None:
        rows = await self._db.execute_fetchall(_SELECT + " WHERE q.id = ?", (question_id,))
        return _question(rows[0]) if rows else None

    async def asked_since(self, user_id: int, session_id: int, since: dt.datetime) -> int:
        """How many questions the person sent to the session after ``since`` (rate limit)."""
        rows = await self._db.execute_fetchall(
            "SELECT count(*) FROM questions"
            " WHERE user_id = ? AND session_id = ? AND created_at > ?",
            (user_id, session_id, utc_text(since)),
        )
        return int(rows[0][0])

    async def by_votes(self, session_id: int, status: QuestionStatus) -> list[Question]:
        """The session's questions in one status, most upvoted first, then oldest first."""
        rows = await self._db.execute_fetchall(
            _SELECT + " WHERE q.session_id = ? AND q.status = ? ORDER BY votes DESC, q.id",
            (session_id, status.value),
        )
        return [_question(row) for row in rows]

    async def first_pending(self, session_id: int, after_id: int = 0) -> Question | None:
        """The oldest question waiting for a decision (after ``after_id``, to skip one)."""
        rows = await self._db.execute_fetchall(
            _SELECT + " WHERE q.session_id = ? AND q.status = 'pending' AND q.id > ?"
            " ORDER BY q.id LIMIT 1",
            (session_id, after_id),
        )
        return _question(rows[0]) if rows else None

    async def count_by_status(self, session_id: int) -> dict[QuestionStatus, int]:
        counts = dict.fromkeys(QuestionStatus, 0)
        rows = await self._db.execute_fetchall(
            "SELECT status, count(*) FROM questions WHERE session_id = ? GROUP BY status",
            (session_id,),
        )
        for status, count in rows:
            counts[QuestionStatus(status)] = int(count)
        return counts

    async def pending_per_session(self) -> dict[int, int]:
        rows = await self._db.execute_fetchall(
            "SELECT session_id, count(*) FROM questions WHERE status = 'pending'"
            " GROUP BY session_id"
        )
        return {int(session_id): int(count) for session_id, count in rows}

    async def vote(self, question_id: int, user_id: int, now: dt.datetime) -> bool:
        """True when this is the person's first upvote of the question."""
        result = await self._db.run(
            "INSERT OR IGNORE INTO question_votes (question_id, user_id, voted_at)"
            " VALUES (?, ?, ?)",
            (question_id, user_id, utc_text(now)),
        )
        return result.rowcount == 1

    async def voted(self, user_id: int, question_ids: Iterable[int]) -> set[int]:
        """Which of ``question_ids`` the person has upvoted."""
        ids = list(question_ids)
        if not ids:
            return set()
        marks = ", ".join("?" * len(ids))
        rows = await self._db.execute_fetchall(
            f"SELECT question_id FROM question_votes WHERE user_id = ?"
            f" AND question_id IN ({marks})",
            (user_id, *ids),
        )
        return {int(row[0]) for row in rows}

    async def decide(
        self,
        question_id: int,
        allowed_from: Iterable[QuestionStatus],
        status: QuestionStatus,
        by: int,
        now: dt.datetime,
    ) -> bool:
        """Move the question to ``status`` if it is still in one of ``allowed_from``."""
        allowed = [item.value for item in allowed_from]
        marks = ", ".join("?" * len(allowed))
        result = await self._db.run(
            f"UPDATE questions SET status = ?, decided_by = ?, decided_at = ?"
            f" WHERE id = ? AND status IN ({marks})",
            (status.value, by, utc_text(now), question_id, *allowed),
        )
        return result.rowcount == 1


def _question(row: aiosqlite.Row) -> Question:
    return Question(
        id=row["id"],
        session_id=row["session_id"],
        user_id=row["user_id"],
        text=row["text"],
        author_name=row["author_name"],
        society=text_from(row["society"]),
        status=QuestionStatus(row["status"]),
        created_at=utc_from(row["created_at"]),
        votes=int(row["votes"]),
    )
