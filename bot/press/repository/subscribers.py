"""Repository of who gets the daily summaries pushed (journalists by default, opt-ins)."""

from __future__ import annotations

from bot.store.unit_of_work import Database


class PressSubscriberRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def set(self, user_id: int, subscribed: bool) -> None:
        await self._db.execute(
            "INSERT INTO press_subscribers (user_id, subscribed) VALUES (?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET subscribed = excluded.subscribed",
            (user_id, int(subscribed)),
        )

    async def subscribe_by_default(self, user_id: int) -> None:
        """Subscribes unless the person already chose; an earlier «no» stays «no»."""
        await self._db.execute(
            "INSERT INTO press_subscribers (user_id, subscribed) VALUES (?, 1)"
            " ON CONFLICT (user_id) DO NOTHING",
            (user_id,),
        )

    async def is_subscribed(self, user_id: int) -> bool:
        async with self._db.execute(
            "SELECT subscribed FROM press_subscribers WHERE user_id = ?", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return bool(row and row["subscribed"])

    async def subscribed_ids(self) -> list[int]:
        async with self._db.execute(
            "SELECT user_id FROM press_subscribers WHERE subscribed = 1 ORDER BY user_id"
        ) as cursor:
            return [row["user_id"] async for row in cursor]
