"""The SQL of personal data: every statement is built from the one map
(``bot/privacy/user_map.py``), so the copy, the erasure and the purge read and write
exactly the same columns. Table and column names come from that constant map only."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from bot.privacy.dependents import dependent_where, personal_bodies_sql, roots
from bot.privacy.user_map import (
    DEPENDENT_ROWS,
    ERASED_NAME,
    PEOPLE_WITHOUT_TELEGRAM,
    USER_COLUMNS,
    Erase,
    Match,
    UserColumn,
)
from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database

log = logging.getLogger(__name__)

_SET = {Erase.NULL: "NULL", Erase.ZERO: "0", Erase.SURROGATE: "-rowid"}


def _where(entry: UserColumn, user_id: int) -> tuple[str, tuple[Any, ...]]:
    if entry.match is Match.FSM_KEY:
        return f"{entry.column} LIKE ?", (f"%:{user_id}:%",)
    return _where_any(entry, [user_id])


def _where_any(entry: UserColumn, user_ids: Sequence[int]) -> tuple[str, tuple[Any, ...]]:
    """As ``_where`` for many people in one statement (the purge): their ids as one JSON
    list, so a thousand people are one statement per table, not a thousand."""
    ids = json.dumps(list(user_ids))
    if entry.match is Match.FSM_KEY:
        # Qualified: json_each has a column named «key» too.
        column = f"{entry.table}.{entry.column}"
        found = f"SELECT 1 FROM json_each(?) WHERE {column} LIKE '%:' || value || ':%'"
        return f"EXISTS ({found})", (ids,)
    where = f"{entry.column} IN (SELECT value FROM json_each(?1))"
    if not entry.owned:
        # A row of theirs they also decided on (an address they gave themselves names
        # them as its adder): counted, copied and erased once, as theirs.
        for own in USER_COLUMNS:
            if own.table == entry.table and own.owned and own.match is Match.EQUALS:
                where += f" AND NOT coalesce({own.column} IN (SELECT value FROM json_each(?1)), 0)"
    return where, (ids,)


def _erase_sql(entry: UserColumn) -> str:
    if entry.erase is Erase.DELETE:
        return f"DELETE FROM {entry.table} WHERE "
    sets = [f"{entry.column} = {_SET[entry.erase]}"]
    sets += [f"{column} = NULL" for column in entry.cleared]
    sets += [f"{column} = ''" for column in entry.blanked]
    sets += [f"{column} = '{ERASED_NAME}'" for column in entry.renamed]
    return f"UPDATE {entry.table} SET {', '.join(sets)} WHERE "


def _add(touched: dict[str, int], table: str, rowcount: int) -> None:
    if rowcount > 0:
        touched[table] = touched.get(table, 0) + rowcount


class PrivacyRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def rows_of(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        """Every row that names the person, by table. Their own rows whole; rows they only
        decided on or wrote in someone else's record: the row's number and their part."""
        found: dict[str, list[dict[str, Any]]] = {}
        for entry in USER_COLUMNS:
            where, params = _where(entry, user_id)
            shown = (
                "*" if entry.owned else ", ".join(["rowid AS row", entry.column, *entry.renamed])
            )
            rows = await self._db.execute_fetchall(
                f"SELECT {shown} FROM {entry.table} WHERE {where} ORDER BY rowid", params
            )
            if rows:
                found.setdefault(entry.table, []).extend(dict(row) for row in rows)
        await self._add_dependents(user_id, found)
        return found

    async def _add_dependents(self, user_id: int, found: dict[str, list[dict[str, Any]]]) -> None:
        """The rows that hang off the person's rows (their email contact's letters and
        filed requests), added to what ``found`` has of the same table."""
        people = roots([user_id], {})
        for dependent in DEPENDENT_ROWS:
            where, params = dependent_where(dependent, people)
            rows = await self._db.execute_fetchall(
                f"SELECT {dependent.shown} FROM {dependent.table} WHERE {where} ORDER BY rowid",
                params,
            )
            if rows:
                found.setdefault(dependent.table, []).extend(dict(row) for row in rows)

    async def counts_of(
        self, user_ids: Sequence[int], others: Mapping[str, Sequence[int]] | None = None
    ) -> dict[str, int]:
        """How many rows of each table name these people (what an erasure would touch);
        ``others``: people without Telegram, by table, as for ``erase``."""
        counts: dict[str, int] = {}
        statements = [(e.table, *_where_any(e, user_ids)) for e in USER_COLUMNS if user_ids]
        statements += self._dependent_statements(user_ids, others or {})
        statements += [
            (t, "id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),))
            for t, ids in (others or {}).items()
            if ids
        ]
        for table, where, params in statements:
            rows = await self._db.execute_fetchall(
                f"SELECT count(*) FROM {table} WHERE {where}", params
            )
            if rows[0][0]:
                counts[table] = counts.get(table, 0) + int(rows[0][0])
        return counts

    @staticmethod
    def _dependent_statements(
        user_ids: Sequence[int], others: Mapping[str, Sequence[int]]
    ) -> list[tuple[str, str, tuple[Any, ...]]]:
        people = roots(user_ids, others)
        found = [(d.table, *dependent_where(d, people)) for d in DEPENDENT_ROWS]
        return [statement for statement in found if statement[1]]

    async def erase(
        self, user_ids: Sequence[int], others: Mapping[str, Sequence[int]] | None = None
    ) -> dict[str, int]:
        """Delete or unlink every row that names these people (one, or the purge's many):
        call it inside the operation's transaction. ``others``: people without a Telegram
        id by table and row id (``PEOPLE_WITHOUT_TELEGRAM``). Returns the rows touched,
        by table."""
        if any(user_id <= 0 for user_id in user_ids):
            raise ValueError("an erased or anonymous id cannot be erased again")
        touched: dict[str, int] = {}
        # What hangs off their rows goes first (children before parents), then the
        # personal bodies no letter refers to any more, then the rows themselves.
        statements = self._dependent_statements(user_ids, others or {})
        for table, where, params in reversed(statements):
            result = await self._db.run(f"DELETE FROM {table} WHERE {where}", params)
            _add(touched, table, result.rowcount)
        for table, statement in personal_bodies_sql():
            _add(touched, table, (await self._db.run(statement)).rowcount)
        for table, ids in (others or {}).items():
            result = await self._db.run(
                f"DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(ids)),),
            )
            _add(touched, table, result.rowcount)
        if user_ids:
            for table, count in (await self._erase_users(user_ids)).items():
                _add(touched, table, count)
        return touched

    async def _erase_users(self, user_ids: Sequence[int]) -> dict[str, int]:
        # Nothing still queued for them goes out (their rows are kept, emptied: see the map).
        await self._db.run(
            "UPDATE outbox SET state = 'cancelled' WHERE state = 'queued'"
            " AND chat_id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(user_ids)),),
        )
        touched: dict[str, int] = {}
        # The map's order reversed: rows that refer to others (a vote to a question,
        # a follow to a user) go first and are counted, not taken by a cascade.
        for entry in reversed(USER_COLUMNS):
            where, params = _where_any(entry, user_ids)
            result = await self._db.run(_erase_sql(entry) + where, params)
            if result.rowcount > 0:
                touched[entry.table] = touched.get(entry.table, 0) + result.rowcount
        return touched

    async def scrub_mentions(self, words: list[str]) -> int:
        """Messages to others that name the person (an organiser's notice of their
        application, say) lose their text; queued ones are not sent."""
        scrubbed = 0
        for word in dict.fromkeys(w for w in words if len(w) >= 2):
            result = await self._db.run(
                "UPDATE outbox SET text = '', reply_markup = NULL, state = CASE state"
                " WHEN 'queued' THEN 'cancelled' ELSE state END WHERE instr(text, ?) > 0",
                (word,),
            )
            scrubbed += max(result.rowcount, 0)
        return scrubbed

    async def delivered_texts(self) -> int:
        rows = await self._db.execute_fetchall(
            "SELECT count(*) FROM outbox WHERE state != 'queued' AND text != ''"
        )
        return int(rows[0][0])

    async def empty_delivered_texts(self) -> int:
        """At the end of retention: what was sent is no longer kept, only that it was."""
        result = await self._db.run(
            "UPDATE outbox SET text = '', reply_markup = NULL WHERE state != 'queued'"
            " AND (text != '' OR reply_markup IS NOT NULL)"
        )
        return max(result.rowcount, 0)

    async def close_feedback_rounds(self, asked_before: dt.datetime, now: dt.datetime) -> int:
        """Minimisation: rounds asked before ``asked_before`` close. Their ratings lose the
        rater's id (minus the row's number stands in) and the record of who was asked
        goes: the one-rating-per-person rule no longer needs either. Returns the rounds."""
        async with self._db.transaction():
            rounds = await self._db.execute_fetchall(
                "SELECT session_id FROM feedback_rounds WHERE closed_at IS NULL AND asked_at < ?",
                (utc_text(asked_before),),
            )
            for (session_id,) in rounds:
                await self._db.run(
                    "UPDATE feedback SET user_id = -rowid WHERE session_id = ? AND user_id > 0",
                    (session_id,),
                )
                await self._db.run("DELETE FROM feedback_asks WHERE session_id = ?", (session_id,))
                await self._db.run(
                    "UPDATE feedback_rounds SET closed_at = ? WHERE session_id = ?",
                    (utc_text(now), session_id),
                )
        return len(rounds)

    async def people(self) -> set[int]:
        """Every person the store names in a row of their own (ids above 0: groups and
        channels have negative ids, erased people 0 or below)."""
        ids: set[int] = set()
        for entry in USER_COLUMNS:
            if not entry.owned or entry.match is not Match.EQUALS:
                continue
            rows = await self._db.execute_fetchall(
                f"SELECT DISTINCT {entry.column} FROM {entry.table} WHERE {entry.column} > 0"
            )
            ids.update(int(row[0]) for row in rows)
        return ids

    async def people_without_telegram(self) -> dict[str, list[int]]:
        """Rows that are people with no Telegram id (a journalist accredited by email
        alone), by table: the purge takes them all."""
        found: dict[str, list[int]] = {}
        for table, link in PEOPLE_WITHOUT_TELEGRAM.items():
            rows = await self._db.execute_fetchall(
                f"SELECT id FROM {table} WHERE {link} IS NULL ORDER BY id"
            )
            if rows:
                found[table] = [int(row[0]) for row in rows]
        return found

    async def words_of(self, user_id: int) -> list[str]:
        """What would identify the person in someone else's message: their names and
        contact, and the texts they wrote (an organiser's notice of a request quotes it)."""
        rows = await self._db.execute_fetchall(
            "SELECT first_name, username FROM users WHERE id = ?"
            " UNION ALL SELECT full_name, contact FROM accreditations WHERE user_id = ?"
            " UNION ALL SELECT author_name, text FROM questions WHERE user_id = ?"
            " UNION ALL SELECT question, NULL FROM quote_requests WHERE journalist_id = ?"
            " UNION ALL SELECT topic, NULL FROM interview_requests WHERE journalist_id = ?"
            " UNION ALL SELECT comment, NULL FROM feedback WHERE user_id = ?"
            " UNION ALL SELECT full_name, address FROM email_contacts WHERE user_id = ?",
            (user_id,) * 7,
        )
        contacts = await self._db.execute_fetchall(
            "SELECT id FROM email_contacts WHERE user_id = ?", (user_id,)
        )
        words = [str(value) for row in rows for value in row if value]
        return words + await self.words_of_contacts([int(row[0]) for row in contacts])

    async def words_of_contacts(self, contact_ids: Sequence[int]) -> list[str]:
        """What would identify a journalist known by email in someone else's message:
        name, address, and the questions filed for them."""
        rows = await self._db.execute_fetchall(
            "SELECT full_name, address FROM email_contacts"
            " WHERE id IN (SELECT value FROM json_each(?1))"
            " UNION ALL SELECT question, NULL FROM quote_requests WHERE id IN"
            " (SELECT request_id FROM email_requests"
            "  WHERE contact_id IN (SELECT value FROM json_each(?1)))",
            (json.dumps(list(contact_ids)),),
        )
        return [str(value) for row in rows for value in row if value]

    async def record(
        self,
        now: dt.datetime,
        action: str,
        detail: str = "",
        actor_id: int | None = None,
        actor_name: str | None = None,
    ) -> None:
        """One line of the personal-data audit log: who, what, when; never the data."""
        await self._db.run(
            "INSERT INTO privacy_log (at, actor_id, actor_name, action, detail)"
            " VALUES (?, ?, ?, ?, ?)",
            (utc_text(now), actor_id, actor_name, action, detail),
        )

    async def logged_at(self, action: str, detail: str) -> dt.datetime | None:
        """When the audit log first recorded this action with this detail."""
        rows = await self._db.execute_fetchall(
            "SELECT min(at) FROM privacy_log WHERE action = ? AND detail = ?", (action, detail)
        )
        return utc_from(rows[0][0]) if rows and rows[0][0] else None

    async def log_entries(self) -> list[dict[str, Any]]:
        rows = await self._db.execute_fetchall("SELECT * FROM privacy_log ORDER BY id")
        return [dict(row) for row in rows]

    async def checkpoint(self) -> bool:
        """Copy the WAL into the file and empty it, so erased rows' old pages go too
        (with ``secure_delete`` on, the file's freed space is zeroed). False when another
        process held a read open and some of the WAL had to stay."""
        rows = await self._db.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
        busy = bool(rows and rows[0][0])
        if busy:
            log.warning("the WAL checkpoint after an erasure was blocked by a reader")
        return not busy
