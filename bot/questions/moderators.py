"""Repository of the sessions' moderators and the board messages shown to them."""

from __future__ import annotations

import datetime as dt

from bot.questions.values import BoardMessage
from bot.store.codec import utc_text
from bot.store.unit_of_work import Database


class ModeratorRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, session_id: int, user_id: int, now: dt.datetime) -> bool:
        """True when the person was not a moderator of the session yet."""
        result = await self._db.run(
            "INSERT OR IGNORE INTO session_moderators (session_id, user_id, added_at)"
            " VALUES (?, ?, ?)",
            (session_id, user_id, utc_text(now)),
        )
        return result.rowcount == 1

    async def moderates(self, session_id: int, user_id: int) -> bool:
        rows = await self._db.execute_fetchall(
            "SELECT 1 FROM session_moderators WHERE session_id = ? AND user_id = ?",
            (session_id, user_id),
        )
        return bool(rows)

    async def sessions_of(self, user_id: int) -> set[int]:
        rows = await self._db.execute_fetchall(
            "SELECT session_id FROM session_moderators WHERE user_id = ?", (user_id,)
        )
        return {int(row[0]) for row in rows}

    async def remember_board(self, board: BoardMessage) -> None:
        """The board now shown in this chat (an older one of the same session is left be)."""
        await self._db.run(
            "INSERT INTO question_boards (session_id, chat_id, message_id, language)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (session_id, chat_id) DO UPDATE"
            " SET message_id = excluded.message_id, language = excluded.language",
            (board.session_id, board.chat_id, board.message_id, board.language),
        )

    async def boards(self, session_id: int) -> list[BoardMessage]:
        rows = await self._db.execute_fetchall(
            "SELECT session_id, chat_id, message_id, language FROM question_boards"
            " WHERE session_id = ?",
            (session_id,),
        )
        return [BoardMessage(*row) for row in rows]

    async def forget_board(self, board: BoardMessage) -> None:
        """The message can no longer be edited (deleted, or the chat blocked the bot)."""
        await self._db.run(
            "DELETE FROM question_boards WHERE session_id = ? AND chat_id = ? AND message_id = ?",
            (board.session_id, board.chat_id, board.message_id),
        )
