"""Repository of the email outbox: the second channel of delivery, as durable as the first.

A message is rendered once per language (``email_bodies`` with its attachments) and queued
once per address (``email_outbox``); ``(kind, key, contact_id)`` is unique, so queueing the
same release, summary or answer twice for one address is a no-op, as in the Telegram
outbox. Writes join the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.email.values import Attachment, Letter, QueuedEmail
from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database

EMAIL_LANE = 3
"""Email's own lane: after Telegram's three (bot/delivery/lanes.py), sent by its own
worker at SMTP_RATE, so neither channel waits for the other."""


class EmailOutboxRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def body(self, kind: str, key: str, language: str, letter: Letter) -> int:
        """The id of the body of ``kind``/``key`` in ``language``; stored the first time."""
        rows = await self._db.execute_fetchall(
            "INSERT INTO email_bodies (kind, key, language, subject, text, html)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
            (kind, key, language, letter.subject, letter.text, letter.html),
        )
        if not rows:
            rows = await self._db.execute_fetchall(
                "SELECT id FROM email_bodies WHERE kind = ? AND key = ? AND language = ?",
                (kind, key, language),
            )
            return int(rows[0][0])
        body_id = int(rows[0][0])
        await self._db.executemany(
            "INSERT INTO email_attachments (body_id, position, filename, mime, content)"
            " VALUES (?, ?, ?, ?, ?)",
            [(body_id, n, a.filename, a.mime, a.content) for n, a in enumerate(letter.attachments)],
        )
        return body_id

    async def enqueue(
        self,
        kind: str,
        key: str,
        rows: Sequence[tuple[int, int]],
        now: dt.datetime,
        *,
        held: bool = False,
    ) -> int:
        """``(contact_id, body_id)`` rows not yet queued under kind/key; how many are new.

        ``held`` rows wait (an embargo) until ``release_held`` turns them «queued»."""
        cursor = await self._db.executemany(
            "INSERT OR IGNORE INTO email_outbox (kind, key, contact_id, body_id, lane, state,"
            " queued_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (kind, key, contact, body, EMAIL_LANE, "held" if held else "queued", utc_text(now))
                for contact, body in rows
            ],
        )
        return int(cursor.rowcount)

    async def release_held(self, kind: str, key: str) -> int:
        cursor = await self._db.execute(
            "UPDATE email_outbox SET state = 'queued' WHERE kind = ? AND key = ?"
            " AND state = 'held'",
            (kind, key),
        )
        return int(cursor.rowcount)

    async def queued(self, after_id: int, limit: int) -> list[QueuedEmail]:
        rows = await self._db.execute_fetchall(
            "SELECT id, kind, key, contact_id, body_id, attempts, queued_at FROM email_outbox"
            " WHERE state = 'queued' AND lane = ? AND id > ? ORDER BY id LIMIT ?",
            (EMAIL_LANE, after_id, limit),
        )
        return [QueuedEmail(r[0], r[1], r[2], r[3], r[4], r[5], utc_from(r[6])) for r in rows]

    async def letter(self, body_id: int) -> Letter:
        rows = await self._db.execute_fetchall(
            "SELECT subject, text, html FROM email_bodies WHERE id = ?", (body_id,)
        )
        files = await self._db.execute_fetchall(
            "SELECT filename, mime, content FROM email_attachments WHERE body_id = ?"
            " ORDER BY position",
            (body_id,),
        )
        subject, text, html = rows[0]
        return Letter(
            subject, text, html, tuple(Attachment(f[0], f[1], bytes(f[2])) for f in files)
        )

    async def sent(self, row_id: int, attempts: int, now: dt.datetime) -> None:
        await self._db.execute(
            "UPDATE email_outbox SET state = 'sent', attempts = ?, sent_at = ?, error = NULL"
            " WHERE id = ?",
            (attempts, utc_text(now), row_id),
        )

    async def retry(self, row_id: int, attempts: int, error: str) -> None:
        """Still queued after a temporary failure: the attempt and why are kept."""
        await self._db.execute(
            "UPDATE email_outbox SET attempts = ?, error = ? WHERE id = ? AND state = 'queued'",
            (attempts, error[:500], row_id),
        )

    async def failed(self, row_id: int, attempts: int, error: str) -> None:
        await self._db.execute(
            "UPDATE email_outbox SET state = 'failed', attempts = ?, error = ?"
            " WHERE id = ? AND state = 'queued'",
            (attempts, error[:500], row_id),
        )

    async def bounced(self, contact_id: int, error: str) -> int:
        """The address is refused for good: what waits for it will not go either."""
        cursor = await self._db.execute(
            "UPDATE email_outbox SET state = 'bounced', error = ?"
            " WHERE contact_id = ? AND state IN ('queued', 'held')",
            (error[:500], contact_id),
        )
        return int(cursor.rowcount)

    async def drop_for(self, contact_id: int) -> int:
        """Unsubscribed: what still waits for the address is cancelled."""
        cursor = await self._db.execute(
            "UPDATE email_outbox SET state = 'cancelled'"
            " WHERE contact_id = ? AND state IN ('queued', 'held')",
            (contact_id,),
        )
        return int(cursor.rowcount)

    async def counts(self, kind: str | None = None) -> dict[str, int]:
        """Rows per state (of one kind, or all): for tests, the bench and ``/healthz``."""
        where, params = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        rows = await self._db.execute_fetchall(
            f"SELECT state, count(*) FROM email_outbox {where} GROUP BY state", params
        )
        return {row[0]: int(row[1]) for row in rows}
