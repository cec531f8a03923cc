"""Repository of the after-meeting survey: when it went out and everyone's answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

from bot.content.models import Text
from bot.store.codec import text_json, utc_text
from bot.store.unit_of_work import Database


class SurveyRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def recipients(self) -> list[int]:
        """Everyone who has talked to the bot, but those who turned feedback off."""
        rows = await self._db.execute_fetchall(
            "SELECT id FROM users WHERE id NOT IN (SELECT user_id FROM feedback_opt_outs)"
            " ORDER BY id"
        )
        return [int(row[0]) for row in rows]

    async def sent(self) -> bool:
        return bool(await self._db.execute_fetchall("SELECT 1 FROM survey_rounds"))

    async def record_sent(self, recipients: int, now: dt.datetime) -> bool:
        """False when the survey went out before: it is sent once."""
        result = await self._db.run(
            "INSERT OR IGNORE INTO survey_rounds (id, sent_at, recipients) VALUES (1, ?, ?)",
            (utc_text(now), recipients),
        )
        return result.rowcount == 1

    async def answer(
        self, user_id: int, question: str, answer: int, label: Text, now: dt.datetime
    ) -> bool:
        """True for the person's first answer to the question; a second changes nothing."""
        result = await self._db.run(
            "INSERT OR IGNORE INTO survey_answers (user_id, question, answer, label, answered_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (user_id, question, answer, text_json(label), utc_text(now)),
        )
        return result.rowcount == 1

    async def counts(self) -> dict[tuple[str, int], int]:
        """``(question id, answer) -> how many chose it``."""
        rows = await self._db.execute_fetchall(
            "SELECT question, answer, count(*) FROM survey_answers GROUP BY question, answer"
        )
        return {(str(q), int(a)): int(c) for q, a, c in rows}

    async def export_rows(self) -> AsyncIterator[tuple[object, ...]]:
        """Every answer (no user id), for ``python -m bot export survey``."""
        async with self._db.execute(
            "SELECT question, answer, json_extract(label, '$.ru'), json_extract(label, '$.en'),"
            " answered_at FROM survey_answers ORDER BY question, answered_at"
        ) as cursor:
            async for row in cursor:
                yield tuple(row)
