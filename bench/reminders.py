"""Reminder benchmark: N subscribers of one session, its reminder fired through the real bot.

Runs the fake Bot API in a separate process (so it does not steal the bot's CPU), the bot
with its production scheduler (APScheduler) and delivery worker, and a clock shifted so the
reminder falls due a few seconds after start-up. Prints delivered/expected, duplicates,
time from the scheduled moment to the last delivery, and the achieved rate vs the limit.

    python -m bench.reminders [--users 5000] [--rate 30]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.fake_process import control, fake_server
from bot.app import App
from bot.config import Settings
from bot.content.service import ContentService
from bot.store.holder import Store

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAEventDeskBenchToken-0123456789abc"
SESSION_KEY = "d1-opening"
LEAD = dt.timedelta(minutes=15)
HEADSTART = 5.0  # seconds between start-up and the reminder's moment


class ShiftedClock:
    """Real time moved by a fixed offset, so 2025's programme is «now» for the bot."""

    def __init__(self, offset: dt.timedelta) -> None:
        self._offset = offset

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self._offset


async def prepare(settings: Settings, user_ids: list[int]) -> dt.datetime:
    """Content, users and their subscriptions in the store; returns the session's start."""
    store = await Store.open(settings.database_path)
    try:
        now = dt.datetime.now(dt.UTC)
        await ContentService(store, ShiftedClock(dt.timedelta())).load(settings.data_dir)
        await store.reminders.mark_all_handled(now)
        session = next(s for s in await store.programme.sessions() if s.key == SESSION_KEY)
        await store.conn.executemany(
            "INSERT INTO users (id, first_name, telegram_language, first_seen, last_seen)"
            " VALUES (?, 'Bench', ?, ?, ?)",
            [
                (uid, "ru" if uid % 2 else "en", now.isoformat(), now.isoformat())
                for uid in user_ids
            ],
        )
        await store.conn.commit()
        await store.reminders.subscribe_many(user_ids, session.id, now)
        return session.starts_at
    finally:
        await store.close()


async def run(users: int, rate: float) -> dict[str, Any]:
    user_ids = list(range(10_000_001, 10_000_001 + users))
    async with fake_server(TOKEN) as url:
        control(url, "users", [{"id": uid, "language_code": "ru"} for uid in user_ids])
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                bot_token=TOKEN,
                telegram_api_url=url,
                database_path=Path(tmp) / "bench.sqlite3",
                data_dir=ROOT / "data",
                delivery_rate=rate,
                log_level="WARNING",
            )
            starts_at = await prepare(settings, user_ids)
            moment = starts_at - LEAD
            clock = ShiftedClock(moment - dt.datetime.now(dt.UTC) - dt.timedelta(seconds=HEADSTART))
            moment_monotonic = time.monotonic() + (moment - clock.now()).total_seconds()
            control(url, "reset", post=True)
            async with await App.create(settings, clock) as app:
                polling = asyncio.create_task(app.run_polling(handle_signals=False))
                deadline = time.monotonic() + HEADSTART + users / rate * 1.5 + 30
                stats: dict[str, Any] = {}
                while time.monotonic() < deadline:
                    await asyncio.sleep(1)
                    stats = control(url, "stats")
                    if stats["sends"]["total"] >= users:
                        break
                await asyncio.sleep(1.5)  # anything sent twice would show up now
                stats = control(url, "stats")
                await app.dispatcher.stop_polling()
                await polling
    sends = stats["sends"]
    per_chat = {int(chat): count for chat, count in sends["per_chat"].items()}
    subscribers = set(user_ids)
    delivered = sum(1 for chat in per_chat if chat in subscribers)
    duplicates = sum(count - 1 for chat, count in per_chat.items() if chat in subscribers)
    first, last = sends["first_at"], sends["last_at"]
    span = (last - first) if first is not None and last is not None else 0.0
    return {
        "expected": users,
        "delivered": delivered,
        "duplicates": duplicates,
        "to_last_delivery_s": None if last is None else last - moment_monotonic,
        "first_delay_s": None if first is None else first - moment_monotonic,
        "achieved_rate": (sends["total"] - 1) / span if span > 0 else 0.0,
        "limit": rate,
        "statuses": stats["methods"].get("sendMessage", {}),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.reminders", description=__doc__)
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--rate", type=float, default=30.0, help="DELIVERY_RATE, messages/s")
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.users, args.rate))
    ratio = result["achieved_rate"] / result["limit"]
    print(f"reminders delivered/expected: {result['delivered']}/{result['expected']}")
    print(f"duplicates: {result['duplicates']}")
    print(f"scheduled moment -> first delivery: {result['first_delay_s']:.2f} s")
    print(f"scheduled moment -> last delivery: {result['to_last_delivery_s']:.1f} s")
    print(
        f"achieved rate: {result['achieved_rate']:.2f} msg/s vs limit {result['limit']:.0f}"
        f" ({ratio:.1%})"
    )
    print(f"sendMessage statuses: {result['statuses']}")


if __name__ == "__main__":
    main()
