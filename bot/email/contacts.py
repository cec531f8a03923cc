"""Repository of the email addresses given with consent and of what each wants by email."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import AsyncIterator

from bot.email.values import Contact, ContactForm, Topic
from bot.store.codec import utc_text
from bot.store.unit_of_work import Database

_COLUMNS = (
    "id, address, user_id, full_name, outlet, language, releases, summaries, advisories,"
    " answers, unsubscribed_at, bouncing_since"
)


def _contact(row: sqlite3.Row) -> Contact:
    return Contact(
        id=row["id"],
        address=row["address"],
        user_id=row["user_id"],
        full_name=row["full_name"],
        outlet=row["outlet"],
        language=row["language"],
        topics=frozenset(topic for topic in Topic if row[topic.value]),
        unsubscribed=row["unsubscribed_at"] is not None,
        bouncing=row["bouncing_since"] is not None,
    )


class ContactRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self, form: ContactForm, user_id: int | None, added_by: int, now: dt.datetime
    ) -> Contact | None:
        """A new address; None when it is already known (to anyone)."""
        rows = await self._db.execute_fetchall(
            "INSERT INTO email_contacts (address, user_id, full_name, outlet, language,"
            " added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            f" ON CONFLICT DO NOTHING RETURNING {_COLUMNS}",
            (
                form.address,
                user_id,
                form.full_name,
                form.outlet,
                form.language,
                added_by,
                utc_text(now),
            ),
        )
        return _contact(rows[0]) if rows else None

    async def replace_address(self, user_id: int, form: ContactForm, now: dt.datetime) -> bool:
        """The Telegram user's address, new or changed: consent given again, so it is no
        longer unsubscribed or bouncing. The caller made sure nobody else holds it."""
        rows = await self._db.execute_fetchall(
            "INSERT INTO email_contacts (address, user_id, full_name, outlet, language,"
            " added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?2, ?6)"
            " ON CONFLICT (user_id) DO UPDATE SET address = excluded.address,"
            " full_name = excluded.full_name, outlet = excluded.outlet,"
            " language = excluded.language, unsubscribed_at = NULL, bouncing_since = NULL,"
            # Unsubscribing turned every choice off: given again, they are on again.
            " releases = releases OR unsubscribed_at IS NOT NULL,"
            " summaries = summaries OR unsubscribed_at IS NOT NULL,"
            " advisories = advisories OR unsubscribed_at IS NOT NULL,"
            " answers = answers OR unsubscribed_at IS NOT NULL,"
            " bounce_reason = NULL RETURNING id",
            (form.address, user_id, form.full_name, form.outlet, form.language, utc_text(now)),
        )
        return bool(rows)

    async def get(self, contact_id: int) -> Contact | None:
        rows = await self._db.execute_fetchall(
            f"SELECT {_COLUMNS} FROM email_contacts WHERE id = ?", (contact_id,)
        )
        return _contact(rows[0]) if rows else None

    async def by_address(self, address: str) -> Contact | None:
        rows = await self._db.execute_fetchall(
            f"SELECT {_COLUMNS} FROM email_contacts WHERE address = ?", (address,)
        )
        return _contact(rows[0]) if rows else None

    async def of_user(self, user_id: int) -> Contact | None:
        rows = await self._db.execute_fetchall(
            f"SELECT {_COLUMNS} FROM email_contacts WHERE user_id = ?", (user_id,)
        )
        return _contact(rows[0]) if rows else None

    async def of_users(self, user_ids: list[int]) -> list[Contact]:
        if not user_ids:
            return []
        marks = ", ".join("?" * len(user_ids))
        rows = await self._db.execute_fetchall(
            f"SELECT {_COLUMNS} FROM email_contacts WHERE user_id IN ({marks}) ORDER BY id",
            user_ids,
        )
        return [_contact(row) for row in rows]

    async def wanting(self, topic: Topic) -> list[Contact]:
        """Everyone who wants ``topic`` by email and can get it, oldest first."""
        rows = await self._db.execute_fetchall(
            f"SELECT {_COLUMNS} FROM email_contacts WHERE {topic.value} = 1"
            " AND unsubscribed_at IS NULL AND bouncing_since IS NULL ORDER BY id"
        )
        return [_contact(row) for row in rows]

    async def set_topic(self, contact_id: int, topic: Topic, wanted: bool) -> None:
        await self._db.execute(
            f"UPDATE email_contacts SET {topic.value} = ? WHERE id = ?", (int(wanted), contact_id)
        )

    async def unsubscribe(self, contact_id: int, now: dt.datetime) -> bool:
        """Nothing more by email; False when it already was so (or no such contact).

        Only what honours it stays: the address (nothing goes to it again, and an
        organiser cannot add it back: only its owner can, in chat) and the date. The
        name, the outlet, the choices and a bounce reason go (docs/personal-data.md)."""
        cursor = await self._db.execute(
            "UPDATE email_contacts SET unsubscribed_at = ?, full_name = '', outlet = '',"
            " releases = 0, summaries = 0, advisories = 0, answers = 0, bounce_reason = NULL"
            " WHERE id = ? AND unsubscribed_at IS NULL",
            (utc_text(now), contact_id),
        )
        return bool(cursor.rowcount)

    async def mark_bouncing(self, contact_id: int, reason: str, now: dt.datetime) -> bool:
        """The server refused the address for good; True the first time only."""
        cursor = await self._db.execute(
            "UPDATE email_contacts SET bouncing_since = ?, bounce_reason = ?"
            " WHERE id = ? AND bouncing_since IS NULL",
            (utc_text(now), reason[:500], contact_id),
        )
        return bool(cursor.rowcount)

    async def link_request(self, request_id: int, contact_id: int) -> None:
        await self._db.execute(
            "INSERT INTO email_requests (request_id, contact_id) VALUES (?, ?)",
            (request_id, contact_id),
        )

    async def for_request(self, request_id: int, journalist_id: int) -> Contact | None:
        """The address a quote request's answer goes to: the one it was filed for, else
        the journalist's own."""
        rows = await self._db.execute_fetchall(
            f"SELECT {_COLUMNS} FROM email_contacts WHERE id ="
            " (SELECT contact_id FROM email_requests WHERE request_id = ?)"
            " OR (user_id = ? AND NOT EXISTS"
            "  (SELECT 1 FROM email_requests WHERE request_id = ?))",
            (request_id, journalist_id, request_id),
        )
        return _contact(rows[0]) if rows else None

    async def all(self) -> list[Contact]:
        rows = await self._db.execute_fetchall(f"SELECT {_COLUMNS} FROM email_contacts ORDER BY id")
        return [_contact(row) for row in rows]

    async def export_rows(self) -> AsyncIterator[tuple[object, ...]]:
        """Every address with its choices and dates, for ``python -m bot export
        email-contacts`` (each export is recorded in the personal-data audit log)."""
        async with self._db.execute(
            "SELECT id, user_id, full_name, outlet, address, language, releases, summaries,"
            " advisories, answers, added_by, added_at, unsubscribed_at, bouncing_since"
            " FROM email_contacts ORDER BY id"
        ) as cursor:
            async for row in cursor:
                yield tuple(row)
