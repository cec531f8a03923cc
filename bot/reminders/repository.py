"""Repository of reminders: subscriptions, followed days, lead times and session changes."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator, Iterable

import aiosqlite

from bot.agenda.values import SessionChange, SessionSnapshot
from bot.content.cache import ContentCache
from bot.content.models import Text
from bot.reminders.kept_follows import Follows, KeptFollows
from bot.reminders.values import DEFAULT_LEAD, KIND, Owed
from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database

# (user id, chosen language, Telegram's language), for a broadcast to a session's followers.
RecipientRow = tuple[int, str | None, str | None]


class ReminderRepository:
    """Subscriptions, followed days, lead times, owed reminders and session changes.

    Writes never commit: callers group them in ``store.transaction()``. What a user
    follows is kept between their taps (``KeptFollows``): every write here to
    subscriptions or followed days forgets whom it touches.
    """

    def __init__(self, db: Database, content: ContentCache) -> None:
        self._db = db
        self._follows = KeptFollows(db, content)

    async def follows(self, user_id: int) -> Follows:
        """The user's sessions and days, kept."""
        return await self._follows.of(user_id, lambda: self._read_follows(user_id))

    async def _read_follows(self, user_id: int) -> Follows:
        rows = await self._db.execute_fetchall(
            "SELECT session_id, NULL FROM subscriptions WHERE user_id = ?"
            " UNION ALL SELECT NULL, day FROM day_follows WHERE user_id = ?",
            (user_id, user_id),
        )
        return Follows(
            frozenset(int(row[0]) for row in rows if row[0] is not None),
            frozenset(str(row[1]) for row in rows if row[1] is not None),
        )

    # ------------------------------------------------------------ subscriptions

    async def subscribe(self, user_id: int, session_ids: Iterable[int], now: dt.datetime) -> int:
        self._follows.forget(user_id)
        cursor = await self._db.executemany(
            "INSERT OR IGNORE INTO subscriptions (user_id, session_id, created_at)"
            " VALUES (?, ?, ?)",
            [(user_id, session_id, utc_text(now)) for session_id in session_ids],
        )
        return int(cursor.rowcount)

    async def subscribe_many(
        self, user_ids: Iterable[int], session_id: int, now: dt.datetime
    ) -> None:
        self._follows.forget()
        await self._db.executemany(
            "INSERT OR IGNORE INTO subscriptions (user_id, session_id, created_at)"
            " VALUES (?, ?, ?)",
            [(user_id, session_id, utc_text(now)) for user_id in user_ids],
        )

    async def unsubscribe(self, user_id: int, session_ids: Iterable[int] | None = None) -> int:
        """Drop some of the user's subscriptions, or all of them with ``None``."""
        self._follows.forget(user_id)
        if session_ids is None:
            cursor = await self._db.execute(
                "DELETE FROM subscriptions WHERE user_id = ?", (user_id,)
            )
            await self._db.execute("DELETE FROM day_follows WHERE user_id = ?", (user_id,))
        else:
            cursor = await self._db.executemany(
                "DELETE FROM subscriptions WHERE user_id = ? AND session_id = ?",
                [(user_id, session_id) for session_id in session_ids],
            )
        return int(cursor.rowcount)

    async def suspend_session(self, session_id: int, change_id: int, now: dt.datetime) -> None:
        """A cancelled session whose subscribers have been told: their subscriptions leave,
        kept by the session's key (``change_id`` is its removal record) for its return,
        with its day's followers who had let it go (they do not want it back)."""
        self._follows.forget()
        key, day = "json_extract(c.before, '$.key')", "json_extract(c.before, '$.day')"
        await self._db.execute(
            "INSERT OR REPLACE INTO suspended_follows"
            " (user_id, session_key, session_id, day, followed_at, suspended_at, wanted)"
            f" SELECT s.user_id, {key}, s.session_id, {day}, s.created_at, ?, 1"
            " FROM subscriptions s JOIN session_changes c ON c.id = ?"
            f" WHERE s.session_id = ? AND {key} IS NOT NULL"
            f" UNION ALL SELECT d.user_id, {key}, c.session_id, d.day, NULL, ?, 0"
            f" FROM day_follows d JOIN session_changes c ON c.id = ? AND d.day = {day}"
            f" WHERE {key} IS NOT NULL AND d.user_id NOT IN"
            " (SELECT user_id FROM subscriptions WHERE session_id = c.session_id)",
            (utc_text(now), change_id, session_id, utc_text(now), change_id),
        )
        await self._db.execute("DELETE FROM subscriptions WHERE session_id = ?", (session_id,))

    async def take_suspended(self, session_key: str) -> tuple[list[int], set[int]]:
        """Who followed the session with this key when it was cancelled, and who follows
        its day but had let it go; forgotten here, as the session is back."""
        rows = await self._db.execute_fetchall(
            "DELETE FROM suspended_follows WHERE session_key = ? RETURNING user_id, wanted",
            (session_key,),
        )
        wanted = sorted(int(row[0]) for row in rows if row[1])
        return wanted, {int(row[0]) for row in rows if not row[1]}

    async def decline_suspended(self, user_id: int, session_ids: Iterable[int]) -> None:
        """The user wants these cancelled sessions (by the ids they had) not back."""
        await self._db.executemany(
            "UPDATE suspended_follows SET wanted = 0 WHERE user_id = ? AND session_id = ?",
            [(user_id, session_id) for session_id in session_ids],
        )

    async def drop_suspended(self, user_id: int, day: dt.date | None = None) -> None:
        """Forget the user's cancelled sessions of ``day``, or all of them: they follow
        neither the sessions nor the day any more."""
        if day is None:
            await self._db.execute("DELETE FROM suspended_follows WHERE user_id = ?", (user_id,))
        else:
            await self._db.execute(
                "DELETE FROM suspended_follows WHERE user_id = ? AND day = ?",
                (user_id, day.isoformat()),
            )

    async def count_per_session(self) -> list[tuple[int, int]]:
        """``(session id, subscribers)`` for every followed session, for ``/stats``."""
        async with self._db.execute(
            "SELECT session_id, count(*) FROM subscriptions GROUP BY session_id"
        ) as cursor:
            return [(int(row[0]), int(row[1])) async for row in cursor]

    async def export_rows(self) -> AsyncIterator[tuple[object, ...]]:
        """Every subscription with its session, for ``python -m bot export subscriptions``."""
        async with self._db.execute(
            "SELECT s.user_id, u.first_name, u.username, se.key, json_extract(se.title, '$.ru'),"
            " se.starts_at, s.created_at"
            " FROM subscriptions s JOIN users u ON u.id = s.user_id"
            " JOIN sessions se ON se.id = s.session_id"
            " ORDER BY se.starts_at, s.created_at"
        ) as cursor:
            async for row in cursor:
                yield tuple(row)

    async def session_ids(self, user_id: int) -> set[int]:
        return set((await self.follows(user_id)).sessions)

    async def subscribers(self, session_id: int) -> list[RecipientRow]:
        """Who follows the session, with their languages (a broadcast to them)."""
        async with self._db.execute(
            "SELECT u.id, u.language, u.telegram_language FROM subscriptions s"
            " JOIN users u ON u.id = s.user_id WHERE s.session_id = ? ORDER BY u.id",
            (session_id,),
        ) as cursor:
            return [(row[0], row[1], row[2]) async for row in cursor]

    async def subscriber_ids(self, session_id: int) -> list[int]:
        async with self._db.execute(
            "SELECT user_id FROM subscriptions WHERE session_id = ? ORDER BY user_id",
            (session_id,),
        ) as cursor:
            return [row[0] async for row in cursor]

    async def owed(self, after: dt.datetime, until: dt.datetime) -> list[Owed]:
        """Reminders of sessions starting in (``after``, ``until``] not yet handed to
        delivery, subscribed no later than start − lead (else too late when asked).

        The outbox row *is* the record that a reminder went (or is going) out: its unique
        (kind, key, chat) makes it the one truth, and a withdrawn row frees the key.
        """
        async with self._db.execute(
            "SELECT s.user_id, s.session_id, se.starts_at, u.reminder_lead_minutes,"
            " s.created_at FROM sessions se"
            " JOIN subscriptions s ON s.session_id = se.id JOIN users u ON u.id = s.user_id"
            " WHERE se.starts_at > ? AND se.starts_at <= ? AND NOT EXISTS ("
            "  SELECT 1 FROM outbox o WHERE o.kind = ? AND o.chat_id = s.user_id"
            "  AND o.key = se.id || '@' || se.starts_at)",
            (utc_text(after), utc_text(until), KIND),
        ) as cursor:
            rows = [
                Owed(row[0], row[1], utc_from(row[2]), int(row[3]), utc_from(row[4]))
                async for row in cursor
            ]
        return [owed for owed in rows if owed.moment >= owed.subscribed_at]

    # ------------------------------------------------------------ days and leads

    async def follow_day(self, user_id: int, day: dt.date, now: dt.datetime) -> None:
        self._follows.forget(user_id)
        await self._db.execute(
            "INSERT OR IGNORE INTO day_follows (user_id, day, created_at) VALUES (?, ?, ?)",
            (user_id, day.isoformat(), utc_text(now)),
        )

    async def unfollow_day(self, user_id: int, day: dt.date) -> None:
        self._follows.forget(user_id)
        await self._db.execute(
            "DELETE FROM day_follows WHERE user_id = ? AND day = ?", (user_id, day.isoformat())
        )

    async def follows_day(self, user_id: int, day: dt.date) -> bool:
        return day.isoformat() in (await self.follows(user_id)).days

    async def day_follower_ids(self, day: dt.date) -> list[int]:
        async with self._db.execute(
            "SELECT user_id FROM day_follows WHERE day = ? ORDER BY user_id", (day.isoformat(),)
        ) as cursor:
            return [row[0] async for row in cursor]

    async def users_not_following(self, day: dt.date) -> list[int]:
        """Everyone who has talked to the bot and does not follow ``day`` whole yet."""
        async with self._db.execute(
            "SELECT id FROM users WHERE id NOT IN"
            " (SELECT user_id FROM day_follows WHERE day = ?) ORDER BY id",
            (day.isoformat(),),
        ) as cursor:
            return [row[0] async for row in cursor]

    async def lead(self, user_id: int) -> int:
        async with self._db.execute(
            "SELECT reminder_lead_minutes FROM users WHERE id = ?", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return DEFAULT_LEAD if row is None else int(row[0])

    async def set_lead(self, user_id: int, minutes: int) -> None:
        await self._db.execute(
            "UPDATE users SET reminder_lead_minutes = ? WHERE id = ?", (minutes, user_id)
        )

    # ------------------------------------------------------------ session changes

    async def notice_changes(self, now: dt.datetime) -> set[int]:
        """Stamp changes seen for the first time; returns the sessions they touch."""
        # One statement: a load committing between a read and a stamp would go unnoticed.
        rows = await self._db.execute_fetchall(
            "UPDATE session_changes SET seen_at = ? WHERE seen_at IS NULL RETURNING session_id",
            (utc_text(now),),
        )
        return {row[0] for row in rows}

    async def settled_changes(self, quiet_since: dt.datetime) -> list[SessionChange]:
        """Unhandled changes of sessions not edited again since ``quiet_since``, folded."""
        async with self._db.execute(
            "SELECT id, session_id, kind, before, after, seen_at FROM session_changes"
            " WHERE handled_at IS NULL AND seen_at IS NOT NULL ORDER BY session_id, id"
        ) as cursor:
            rows = await cursor.fetchall()
        by_session: dict[int, list[aiosqlite.Row]] = {}
        for row in rows:
            by_session.setdefault(row["session_id"], []).append(row)
        folded = []
        for session_id, changes in by_session.items():
            if max(utc_from(c["seen_at"]) for c in changes) > quiet_since:
                continue
            first, last = changes[0], changes[-1]
            folded.append(
                SessionChange(
                    session_id=session_id,
                    change_ids=tuple(c["id"] for c in changes),
                    before=_snapshot(first["before"]) if first["kind"] != "added" else None,
                    after=_snapshot(last["after"]) if last["kind"] != "removed" else None,
                )
            )
        return folded

    async def mark_all_handled(self, now: dt.datetime) -> None:
        await self._db.execute(
            "UPDATE session_changes SET seen_at = coalesce(seen_at, ?), handled_at = ?"
            " WHERE handled_at IS NULL",
            (utc_text(now), utc_text(now)),
        )

    async def mark_handled(self, change_ids: Iterable[int], now: dt.datetime) -> None:
        await self._db.executemany(
            "UPDATE session_changes SET handled_at = ? WHERE id = ?",
            [(utc_text(now), change_id) for change_id in change_ids],
        )


def _snapshot(value: str | None) -> SessionSnapshot | None:
    if value is None:
        return None
    data = json.loads(value)
    return SessionSnapshot(
        day=dt.date.fromisoformat(data["day"]),
        starts_at=utc_from(data["starts_at"]),
        ends_at=utc_from(data["ends_at"]),
        title=Text.model_validate(data["title"]),
        room=Text.model_validate(data["room"]),
    )
