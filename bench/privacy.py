"""What personal data costs at the meeting's size: one /mydata copy, one /forget erasure
(with its WAL checkpoint), and the retention purge of everyone, on a store of ``--users``
people (default 2,000) who each follow two sessions, rated one, asked a question and got
five messages. ``python -m bench.privacy`` prints each time; the purge's dry run first.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import tempfile
import time
from pathlib import Path

from bot.content.service import ContentService
from bot.privacy.service import PrivacyService
from bot.store.codec import utc_text
from bot.store.holder import Store
from bot.time.clock import SystemClock
from bot.users.access import AccessService
from bot.users.values import Role, User

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FIRST_ID = 10_000_000


async def fill(store: Store, users: int) -> None:
    """The people, written in a few statements (the bench measures erasure, not this)."""
    now = utc_text(dt.datetime.now(dt.UTC))
    ids = range(FIRST_ID, FIRST_ID + users)
    sessions = [session.id for session in await store.programme.sessions()][:2]
    db = store.db
    await db.executemany(
        "INSERT INTO users (id, first_name, username, telegram_language, first_seen, last_seen)"
        " VALUES (?, ?, ?, 'ru', ?, ?)",
        [(i, f"Person {i}", f"user{i}", now, now) for i in ids],
    )
    await db.executemany(
        "INSERT INTO subscriptions (user_id, session_id, created_at) VALUES (?, ?, ?)",
        [(i, s, now) for i in ids for s in sessions],
    )
    await db.executemany(
        "INSERT INTO feedback (session_id, user_id, rating, comment, rated_at)"
        " VALUES (?, ?, 4, ?, ?)",
        [(sessions[0], i, f"comment of {i}", now) for i in ids],
    )
    await db.executemany(
        "INSERT INTO questions (session_id, user_id, text, created_at) VALUES (?, ?, ?, ?)",
        [(sessions[0], i, f"A question from person {i}?", now) for i in ids],
    )
    await db.executemany(
        "INSERT INTO outbox (kind, key, chat_id, text, state, queued_at, lane)"
        " VALUES ('reminder', ?, ?, ?, 'sent', ?, 0)",
        [(f"k{n}", i, f"Reminder {n} for person {i}", now) for i in ids for n in range(5)],
    )


async def run(users: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = await Store.open(Path(folder) / "bench.sqlite3")
        try:
            clock = SystemClock()
            await ContentService(store, clock).load(DATA_DIR)
            await fill(store, users)
            privacy = PrivacyService(store, clock, AccessService(store, ()), None, None)
            person = User(id=FIRST_ID, first_name="Person", language="ru", role=Role.GUEST)
            started = time.perf_counter()
            copy = await privacy.copy(person)
            print(
                f"copy (/mydata) of one person: {1000 * (time.perf_counter() - started):.1f} ms,"
                f" {len(copy.as_json())} bytes of JSON"
            )
            started = time.perf_counter()
            await privacy.forget(person)
            print(
                f"erasure (/forget) of one person among {users}:"
                f" {1000 * (time.perf_counter() - started):.1f} ms"
            )
            started = time.perf_counter()
            report = await privacy.purge(dry_run=True)
            print(
                f"purge --dry-run of {report.people} people: {time.perf_counter() - started:.2f} s"
            )
            started = time.perf_counter()
            report = await privacy.purge()
            print(f"purge of {report.people} people: {time.perf_counter() - started:.2f} s")
        finally:
            await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=2000)
    asyncio.run(run(parser.parse_args().users))


if __name__ == "__main__":
    main()
