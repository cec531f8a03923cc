"""The SQL of personal data: every statement is built from the one map
(``bot/privacy/user_map.py``), so the copy, the erasure and the purge read and write
exactly the same columns. Table and column names come from that constant map only."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from typing import Any

from bot.privacy.user_map import ERASED_NAME, USER_COLUMNS, Erase, Match, UserColumn
from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database

log = logging.getLogger(__name__)

_SET = {Erase.NULL: "NULL", Erase.ZERO: "0", Erase.SURROGATE: "-rowid"}


def _where(entry: UserColumn, user_id: int) -> tuple[str, tuple[Any, ...]]:
    if entry.match is Match.FSM_KEY:
        return f"{entry.column} LIKE ?", (f"%:{user_id}:%",)
    return f"{entry.column} = ?", (user_id,)


def _where_any(entry: UserColumn, user_ids: Sequence[int]) -> tuple[str, tuple[Any, ...]]:
    """As ``_where`` for many people in one statement (the purge): their ids as one JSON
    list, so a thousand people are one statement per table, not a thousand."""
    ids = json.dumps(list(user_ids))
    if entry.match is Match.FSM_KEY:
        # Qualified: json_each has a column named «key» too.
        column = f"{entry.table}.{entry.column}"
        found = f"SELECT 1 FROM json_each(?) WHERE {column} LIKE '%:' || value || ':%'"
        return f"EXISTS ({found})", (ids,)
    return f"{entry.column} IN (SELECT value FROM json_each(?))", (ids,)


def _erase_sql(entry: UserColumn) -> str:
    if entry.erase is Erase.DELETE:
        return f"DELETE FROM {entry.table} WHERE "
    sets = [f"{entry.column} = {_SET[entry.erase]}"]
    sets += [f"{column} = NULL" for column in entry.cleared]
    sets += [f"{column} = ''" for column in entry.blanked]
    sets += [f"{column} = '{ERASED_NAME}'" for column in entry.renamed]
    return f"UPDATE {entry.table} SET {', '.join(sets)} WHERE "


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
        return found

    async def counts_of(self, user_ids: Sequence[int]) -> dict[str, int]:
        """How many rows of each table name these people (what an erasure would touch)."""
        counts: dict[str, int] = {}
        for entry in USER_COLUMNS:
            where, params = _where_any(entry, user_ids)
            rows = await self._db.execute_fetchall(
                f"SELECT count(*) FROM {entry.table} WHERE {where}", params
            )
            if rows[0][0]:
                counts[entry.table] = counts.get(entry.table, 0) + int(rows[0][0])
        return counts

    async def erase(self, user_ids: Sequence[int]) -> dict[str, int]:
        """Delete or unlink every row that names these people (one, or the purge's many):
        call it inside the operation's transaction. Returns the rows touched, by table."""
        if any(user_id <= 0 for user_id in user_ids):
            raise ValueError("an erased or anonymous id cannot be erased again")
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

    async def words_of(self, user_id: int) -> list[str]:
        """What would identify the person in someone else's message: their names and
        contact, and the texts they wrote (an organiser's notice of a request quotes it)."""
        rows = await self._db.execute_fetchall(
            "SELECT first_name, username FROM users WHERE id = ?"
            " UNION ALL SELECT full_name, contact FROM accreditations WHERE user_id = ?"
            " UNION ALL SELECT author_name, text FROM questions WHERE user_id = ?"
            " UNION ALL SELECT question, NULL FROM quote_requests WHERE journalist_id = ?"
            " UNION ALL SELECT topic, NULL FROM interview_requests WHERE journalist_id = ?"
            " UNION ALL SELECT comment, NULL FROM feedback WHERE user_id = ?",
            (user_id,) * 6,
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
