"""Repository of feedback on sessions: who was asked, their ratings, and who opted out.

The followers of a session are the reminders' subscribers; they are read here with one
read-only query on ``subscriptions`` (the reminders feature owns that table).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Sequence

from bot.store.codec import utc_text
from bot.store.unit_of_work import Database

# (session id, rating, how many)
RatingCount = tuple[int, int, int]


class FeedbackRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def followers_to_ask(self, session_id: int) -> list[int]:
        """The session's followers who have not opted out, in id order."""
        rows = await self._db.execute_fetchall(
            "SELECT s.user_id FROM subscriptions s WHERE s.session_id = ?"
            " AND s.user_id NOT IN (SELECT user_id FROM feedback_opt_outs)"
            " ORDER BY s.user_id",
            (session_id,),
        )
        return [int(row[0]) for row in rows]

    async def asked_sessions(self) -> set[int]:
        rows = await self._db.execute_fetchall("SELECT session_id FROM feedback_rounds")
        return {int(row[0]) for row in rows}

    async def record_round(
        self, session_id: int, user_ids: Sequence[int], now: dt.datetime
    ) -> bool:
        """The session's followers are asked now; False if they were asked before."""
        async with self._db.transaction():
            result = await self._db.run(
                "INSERT OR IGNORE INTO feedback_rounds (session_id, asked_at, recipients)"
                " VALUES (?, ?, ?)",
                (session_id, utc_text(now), len(user_ids)),
            )
            if result.rowcount != 1:
                return False
            await self._db.executemany(
                "INSERT OR IGNORE INTO feedback_asks (session_id, user_id, asked_at)"
                " VALUES (?, ?, ?)",
                [(session_id, user_id, utc_text(now)) for user_id in user_ids],
            )
        return True

    async def was_asked(self, session_id: int, user_id: int) -> bool:
        rows = await self._db.execute_fetchall(
            "SELECT 1 FROM feedback_asks WHERE session_id = ? AND user_id = ?",
            (session_id, user_id),
        )
        return bool(rows)

    async def rate(self, session_id: int, user_id: int, rating: int, now: dt.datetime) -> bool:
        """True for the person's first rating of the session; a second one changes nothing."""
        result = await self._db.run(
            "INSERT OR IGNORE INTO feedback (session_id, user_id, rating, rated_at)"
            " VALUES (?, ?, ?, ?)",
            (session_id, user_id, rating, utc_text(now)),
        )
        return result.rowcount == 1

    async def rating(self, session_id: int, user_id: int) -> tuple[int, bool] | None:
        """The person's rating and whether they commented; None before they rate."""
        rows = await self._db.execute_fetchall(
            "SELECT rating, comment IS NOT NULL FROM feedback WHERE session_id = ? AND user_id = ?",
            (session_id, user_id),
        )
        return (int(rows[0][0]), bool(rows[0][1])) if rows else None

    async def comment(self, session_id: int, user_id: int, text: str) -> bool:
        """True when the comment was added (one per rating)."""
        result = await self._db.run(
            "UPDATE feedback SET comment = ?"
            " WHERE session_id = ? AND user_id = ? AND comment IS NULL",
            (text, session_id, user_id),
        )
        return result.rowcount == 1

    async def opt_out(self, user_id: int, now: dt.datetime) -> bool:
        result = await self._db.run(
            "INSERT OR IGNORE INTO feedback_opt_outs (user_id, opted_out_at) VALUES (?, ?)",
            (user_id, utc_text(now)),
        )
        return result.rowcount == 1

    async def opt_in(self, user_id: int) -> bool:
        result = await self._db.run("DELETE FROM feedback_opt_outs WHERE user_id = ?", (user_id,))
        return result.rowcount == 1

    async def opted_out(self, user_id: int) -> bool:
        rows = await self._db.execute_fetchall(
            "SELECT 1 FROM feedback_opt_outs WHERE user_id = ?", (user_id,)
        )
        return bool(rows)

    async def rating_counts(self) -> list[RatingCount]:
        rows = await self._db.execute_fetchall(
            "SELECT session_id, rating, count(*) FROM feedback GROUP BY session_id, rating"
        )
        return [(int(s), int(r), int(c)) for s, r, c in rows]

    async def comments(self) -> list[tuple[int, str]]:
        """``(session id, comment)``, the latest first."""
        rows = await self._db.execute_fetchall(
            "SELECT session_id, comment FROM feedback WHERE comment IS NOT NULL"
            " ORDER BY rated_at DESC, rowid DESC"
        )
        return [(int(row[0]), str(row[1])) for row in rows]

    async def export_rows(self) -> AsyncIterator[tuple[object, ...]]:
        """Every rating with its session (no user id: feedback is anonymous to organisers),
        for ``python -m bot export feedback``."""
        async with self._db.execute(
            "SELECT f.session_id, se.key, json_extract(se.title, '$.ru'),"
            " json_extract(se.title, '$.en'), se.starts_at, f.rating, f.comment, f.rated_at"
            " FROM feedback f LEFT JOIN sessions se ON se.id = f.session_id"
            " ORDER BY se.starts_at, f.session_id, f.rated_at"
        ) as cursor:
            async for row in cursor:
                yield tuple(row)
