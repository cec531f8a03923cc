"""The live «Now / next» messages the bot keeps up to date, one row each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database


@dataclass(frozen=True, slots=True)
class Board:
    id: int
    chat_id: int
    message_id: int
    language: str
    text: str
    edited_at: dt.datetime


class BoardRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        chat_id: int,
        message_id: int,
        language: str,
        text: str,
        user_id: int,
        now: dt.datetime,
    ) -> None:
        await self._db.execute(
            "INSERT INTO live_boards (chat_id, message_id, language, text, edited_at, created_by)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (chat_id, message_id, language, text, utc_text(now), user_id),
        )

    async def active(self) -> list[Board]:
        rows = await self._db.execute_fetchall(
            "SELECT id, chat_id, message_id, language, text, edited_at FROM live_boards"
            " WHERE stopped_at IS NULL ORDER BY id"
        )
        return [Board(r[0], r[1], r[2], r[3], r[4], utc_from(r[5])) for r in rows]

    async def edited(self, board_id: int, text: str, now: dt.datetime) -> None:
        await self._db.execute(
            "UPDATE live_boards SET text = ?, edited_at = ? WHERE id = ?",
            (text, utc_text(now), board_id),
        )

    async def stop(self, board_id: int, now: dt.datetime) -> None:
        await self._db.execute(
            "UPDATE live_boards SET stopped_at = ? WHERE id = ?", (utc_text(now), board_id)
        )

    async def stop_chat(self, chat_id: int, now: dt.datetime) -> None:
        """A new message in a chat replaces the one kept there before."""
        await self._db.execute(
            "UPDATE live_boards SET stopped_at = ? WHERE chat_id = ? AND stopped_at IS NULL",
            (utc_text(now), chat_id),
        )
