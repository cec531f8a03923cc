"""Repository of the figures the console's charts need and /stats does not count."""

from __future__ import annotations

import datetime as dt

from bot.store.codec import utc_text
from bot.store.unit_of_work import Database


class DeliveryFigures:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def sent_per_hour(self, since: dt.datetime) -> list[tuple[str, str, int]]:
        """``(hour, kind, messages)`` sent since ``since``; the hour as ``YYYY-MM-DDTHH``
        in UTC (``sent_at`` is stored as ISO text in UTC)."""
        rows = await self._db.execute_fetchall(
            "SELECT substr(sent_at, 1, 13), kind, count(*) FROM outbox"
            " WHERE state = 'sent' AND sent_at >= ? GROUP BY 1, 2",
            (utc_text(since),),
        )
        return [(str(hour), str(kind), int(count)) for hour, kind, count in rows]
