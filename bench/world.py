"""The meeting as the benches find it: the data files loaded, users who have already talked
to the bot, and followers of every session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.content.service import ContentService
from bot.store.holder import Store
from bot.time.clock import SystemClock

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
KNOWN_USERS = 10_000
FOLLOWERS = 1_000


def language_of(user: int) -> str:
    """Half the users read Russian, half English (the bot renders per language)."""
    return "ru" if user % 2 else "en"


@dataclass(frozen=True)
class Session:
    id: int
    key: str
    starts_at: dt.datetime
    followers: range
    """User ids following it: consecutive blocks of ``followers`` from user 1."""


async def prepare_store(
    database: Path, users: int = KNOWN_USERS, followers: int = FOLLOWERS
) -> list[Session]:
    """Content, ``users`` known users (ids 1..users) and ``followers`` per session; returns
    the sessions in programme order with their followers."""
    store = await Store.open(database)
    try:
        now = dt.datetime.now(dt.UTC)
        await ContentService(store, SystemClock()).load(DATA_DIR)
        await store.reminders.mark_all_handled(now)  # a fresh load is no programme change
        stamp = now.isoformat()
        await store.db.executemany(
            "INSERT INTO users (id, first_name, telegram_language, first_seen, last_seen)"
            " VALUES (?, ?, ?, ?, ?)",
            [(u, f"User {u}", language_of(u), stamp, stamp) for u in range(1, users + 1)],
        )
        sessions = sorted(await store.programme.sessions(), key=lambda s: s.starts_at)
        # Followed a week before the meeting: a reminder is owed only to those who followed
        # before its moment (the benches move the bot's clock to 2025's programme).
        followed_at = sessions[0].starts_at - dt.timedelta(days=7)
        placed = []
        for index, session in enumerate(sessions):
            first = (index * followers) % max(users, 1) + 1
            block = range(first, min(first + followers, users + 1))
            await store.reminders.subscribe_many(block, session.id, followed_at)
            placed.append(Session(session.id, session.key, session.starts_at, block))
        return placed
    finally:
        await store.close()
