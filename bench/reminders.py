"""Reminder benchmark: N followers of one session while a broadcast to M others goes out.

Runs the fake Bot API in a separate process (so it does not steal the bot's CPU) and the
real bot with its production scheduler (APScheduler) and delivery worker, under a clock
shifted so that the reminders' moment (start − lead, «the moment» below) falls a few
minutes after start-up: enough for the planner to spread the reminders before it. A
broadcast to M other users starts ``--broadcast-before`` seconds before the moment.

Prints how many reminders arrived after the moment (target 0), the first and the latest
reminder relative to the moment, and when the broadcast finished.

    python -m bench.reminders [--users 5000] [--broadcast 5000] [--rate 30]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.fake_process import control, fake_server
from bot.app import App
from bot.broadcasts.service import BroadcastService, Draft
from bot.broadcasts.values import Audience, AudienceKind
from bot.config import Settings
from bot.content.service import ContentService
from bot.store.codec import utc_text
from bot.store.holder import Store
from bot.users.values import Role, User

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAEventDeskBenchToken-0123456789abc"
SESSION_KEY = "d1-opening"
LEAD = dt.timedelta(minutes=15)
FOLLOWERS_FROM = 10_000_001
PRESS_FROM = 20_000_001
TEXT = "<b>Programme change</b>: the plenary moves to hall B at 14:30."


@dataclass(frozen=True, slots=True)
class Scenario:
    users: int
    broadcast: int
    rate: float
    broadcast_before: float

    @property
    def headstart(self) -> float:
        """Seconds from start-up to the moment: the whole spread fits, with some room."""
        return max(self.broadcast_before + 10, self.users / self.rate / 0.9 + 20)


class ShiftedClock:
    """Real time moved by a fixed offset, so 2025's programme is «now» for the bot."""

    def __init__(self, offset: dt.timedelta) -> None:
        self._offset = offset

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self._offset


async def prepare(settings: Settings, followers: list[int], press: list[int]) -> dt.datetime:
    """Content, users and the followers' subscriptions; returns the session's start."""
    store = await Store.open(settings.database_path)
    try:
        now = dt.datetime.now(dt.UTC)
        await ContentService(store, ShiftedClock(dt.timedelta())).load(settings.data_dir)
        await store.reminders.mark_all_handled(now)
        session = next(s for s in await store.programme.sessions() if s.key == SESSION_KEY)
        rows = [(uid, Role.GUEST.value) for uid in followers]
        rows += [(uid, Role.PRESS.value) for uid in press]
        await store.conn.executemany(
            "INSERT INTO users (id, first_name, telegram_language, role, first_seen, last_seen)"
            " VALUES (?, 'Bench', ?, ?, ?, ?)",
            [
                (uid, "ru" if uid % 2 else "en", role, now.isoformat(), now.isoformat())
                for uid, role in rows
            ],
        )
        # They subscribed the day before, one a second in the order of their ids (the
        # planner reminds those who asked longest ago first).
        since = session.starts_at - dt.timedelta(days=1)
        await store.conn.executemany(
            "INSERT INTO subscriptions (user_id, session_id, created_at) VALUES (?, ?, ?)",
            [
                (uid, session.id, utc_text(since + dt.timedelta(seconds=i)))
                for i, uid in enumerate(followers)
            ],
        )
        await store.conn.commit()
        return session.starts_at
    finally:
        await store.close()


async def broadcast_at(moment: float, broadcasts: BroadcastService) -> float:
    """Start the press broadcast at ``moment`` (monotonic); returns when it was written."""
    await asyncio.sleep(max(0.0, moment - time.monotonic()))
    author = User(1, "Bench", "en", Role.ORGANISER)
    await broadcasts.start(author, Draft("bench", TEXT), Audience(AudienceKind.PRESS), None)
    return time.monotonic()


async def drive(settings: Settings, clock: ShiftedClock, scenario: Scenario, url: str) -> float:
    """Run the bot until every message went out; returns the broadcast's start (monotonic)."""
    moment = time.monotonic() + scenario.headstart
    async with await App.create(settings, clock) as app:
        polling = asyncio.create_task(app.run_polling(handle_signals=False))
        broadcasts = app.dispatcher["broadcasts"]
        started = asyncio.create_task(broadcast_at(moment - scenario.broadcast_before, broadcasts))
        expected = scenario.users + scenario.broadcast
        limit = moment + (expected / scenario.rate) * 1.5 + 60
        while time.monotonic() < limit:
            await asyncio.sleep(1)
            if control(url, "stats")["sends"]["total"] >= expected:
                break
        await asyncio.sleep(1.5)  # anything sent twice would show up now
        await app.dispatcher.stop_polling()
        await polling
        return await started


async def run(scenario: Scenario) -> dict[str, Any]:
    followers = list(range(FOLLOWERS_FROM, FOLLOWERS_FROM + scenario.users))
    press = list(range(PRESS_FROM, PRESS_FROM + scenario.broadcast))
    async with fake_server(TOKEN) as url:
        control(url, "users", [{"id": uid, "language_code": "ru"} for uid in followers + press])
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                bot_token=TOKEN,
                telegram_api_url=url,
                database_path=Path(tmp) / "bench.sqlite3",
                data_dir=ROOT / "data",
                delivery_rate=scenario.rate,
                log_level="WARNING",
            )
            starts_at = await prepare(settings, followers, press)
            reminder_moment = starts_at - LEAD
            offset = reminder_moment - dt.datetime.now(dt.UTC)
            clock = ShiftedClock(offset - dt.timedelta(seconds=scenario.headstart))
            moment = time.monotonic() + scenario.headstart
            control(url, "reset", post=True)
            broadcast_started = await drive(settings, clock, scenario, url)
        calls = control(url, "calls?method=sendMessage")["calls"]
    return summarise(calls, set(followers), set(press), moment, broadcast_started)


def summarise(
    calls: list[dict[str, Any]],
    followers: set[int],
    press: set[int],
    moment: float,
    broadcast_started: float,
) -> dict[str, Any]:
    """Arrival of each successful send, relative to the reminders' moment."""
    reminders: dict[int, float] = {}
    broadcast: dict[int, float] = {}
    for call in calls:
        if call["status"] != 200:
            continue
        chat = int(call["params"]["chat_id"])
        target = reminders if chat in followers else broadcast if chat in press else None
        if target is not None:
            target.setdefault(chat, call["at"] - moment)
    sent = sum(1 for call in calls if call["status"] == 200)
    return {
        "followers": len(followers),
        "reminded": len(reminders),
        "duplicates": sent - len(reminders) - len(broadcast),
        "late": sum(1 for at in reminders.values() if at > 0),
        "first": min(reminders.values(), default=float("nan")),
        "latest": max(reminders.values(), default=float("nan")),
        "broadcast": len(press),
        "broadcast_delivered": len(broadcast),
        "broadcast_start": broadcast_started - moment,
        "broadcast_finish": max(broadcast.values(), default=float("nan")),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.reminders", description=__doc__)
    parser.add_argument("--users", type=int, default=5000, help="followers of the session")
    parser.add_argument("--broadcast", type=int, default=5000, help="broadcast recipients")
    parser.add_argument("--rate", type=float, default=30.0, help="DELIVERY_RATE, messages/s")
    parser.add_argument(
        "--broadcast-before", type=float, default=60.0, help="seconds before start − lead"
    )
    args = parser.parse_args(argv)
    scenario = Scenario(args.users, args.broadcast, args.rate, args.broadcast_before)
    r = asyncio.run(run(scenario))
    print(f"followers: {r['followers']}, reminded: {r['reminded']}, duplicates: {r['duplicates']}")
    print(f"late reminders (after start − lead): {r['late']} (target 0)")
    print(f"first reminder: {r['first']:+.1f} s relative to start − lead")
    print(f"latest reminder: {r['latest']:+.1f} s relative to start − lead")
    if not r["broadcast"]:
        print("no broadcast")
        return
    print(
        f"broadcast of {r['broadcast']} (delivered {r['broadcast_delivered']}):"
        f" started {r['broadcast_start']:+.1f} s, finished {r['broadcast_finish']:+.1f} s"
        f" relative to start − lead"
        f" ({r['broadcast_finish'] - r['broadcast_start']:.1f} s after it started)"
    )


if __name__ == "__main__":
    main()
