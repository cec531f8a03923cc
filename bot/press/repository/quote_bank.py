"""Repository of the quotes released to the press, with speaker and organisation."""

from __future__ import annotations

import datetime as dt

from bot.content.models import Text
from bot.press.values import BankQuote
from bot.store.codec import required_text, text_from, text_json
from bot.store.unit_of_work import Database


class QuoteBankRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def all(self) -> list[BankQuote]:
        async with self._db.execute(
            "SELECT q.key, q.text, q.said_on, q.source, p.key AS speaker_key,"
            " p.name AS speaker, p.role, d.key AS delegation_key, d.name AS organisation"
            " FROM quotes q JOIN people p ON p.id = q.person_id"
            " LEFT JOIN delegations d ON d.id = p.delegation_id"
            " ORDER BY q.said_on, q.id"
        ) as cursor:
            return [
                BankQuote(
                    key=row["key"],
                    text=required_text(row["text"]),
                    speaker_key=row["speaker_key"],
                    speaker=required_text(row["speaker"]),
                    role=required_text(row["role"]),
                    delegation_key=row["delegation_key"],
                    organisation=text_from(row["organisation"]),
                    said_on=dt.date.fromisoformat(row["said_on"]),
                    source=required_text(row["source"]),
                )
                async for row in cursor
            ]

    async def add_from_chat(
        self, key: str, person_key: str, text: Text, said_on: dt.date, source: Text
    ) -> bool:
        """Adds an answered quote once; False when the speaker left the data meanwhile."""
        cursor = await self._db.run(
            "INSERT INTO quotes (key, person_id, text, said_on, source, origin)"
            " SELECT ?, id, ?, ?, ?, 'chat' FROM people WHERE key = ?"
            " ON CONFLICT (key) DO NOTHING",
            (key, text_json(text), said_on.isoformat(), text_json(source), person_key),
        )
        return cursor.rowcount == 1

    async def speakers(self) -> list[tuple[str, Text, Text, str | None]]:
        """Every person in the data: (key, name, role, delegation key), as request targets."""
        async with self._db.execute(
            "SELECT p.key, p.name, p.role, d.key AS delegation_key FROM people p"
            " LEFT JOIN delegations d ON d.id = p.delegation_id ORDER BY p.position"
        ) as cursor:
            return [
                (
                    row["key"],
                    required_text(row["name"]),
                    required_text(row["role"]),
                    row["delegation_key"],
                )
                async for row in cursor
            ]
