"""Update throughput: a bare aiogram echo bot vs this bot, same fake Bot API, same burst.

``python -m bench.throughput`` starts the fake Bot API (``tests.fake_bot_api``) and each
bot in processes of their own, feeds both the same burst from many users (/start, /agenda
with a day and a session pressed, /delegations, /summary), and prints updates/s, the
ratio, the bot's peak RSS (with 10,000 known users in its store) and p50/p95 time from
update to reply at half the bot's rate. Targets: ratio ≥ 0.70, p95 < 100 ms, RSS < 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456789:AAEventDeskBenchToken-0123456789abc"
USERS = 200
KNOWN_USERS = 10_000
LATENCY_UPDATES = 300
COMMANDS = ("/start", "/agenda", "/delegations", "/summary")


# ----------------------------------------------------------------- the bots, in a child


async def serve_echo(api: str) -> None:
    from aiogram import Bot, Dispatcher
    from aiogram.client.default import DefaultBotProperties
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.enums import ParseMode
    from aiogram.types import CallbackQuery, Message

    bot = Bot(
        TOKEN,
        session=AiohttpSession(api=TelegramAPIServer.from_base(api)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "?")

    @dispatcher.callback_query()
    async def press(callback: CallbackQuery) -> None:
        await callback.message.edit_text(callback.data or "?")  # type: ignore[union-attr]
        await callback.answer()

    await dispatcher.start_polling(bot, polling_timeout=5)


async def serve_bot(api: str, database: Path) -> None:
    from bot.app import App, freeze_start_up_objects
    from bot.config import Settings

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=api,
        database_path=database,
        data_dir=ROOT / "data",
        polling_timeout=5,
        log_level="WARNING",
    )
    async with await App.create(settings) as app:
        freeze_start_up_objects()  # as `python -m bot run` does
        profile = os.environ.get("BENCH_PROFILE")
        if not profile:
            await app.run_polling()
            return
        profiler = cProfile.Profile()
        profiler.enable()
        try:
            await app.run_polling()
        finally:
            profiler.disable()
            await asyncio.to_thread(profiler.dump_stats, profile)


async def prepare_store(database: Path) -> None:
    """The meeting's data and 10,000 users who have already talked to the bot."""
    from bot.content.service import ContentService
    from bot.store.holder import Store
    from bot.time.clock import SystemClock

    store = await Store.open(database)
    try:
        await ContentService(store, SystemClock()).load(ROOT / "data")
        now = dt.datetime.now(dt.UTC)
        for user_id in range(1, KNOWN_USERS + 1):
            await store.users.touch(user_id, f"User {user_id}", None, "ru", now)
    finally:
        await store.close()


# ------------------------------------------------------------------ the orchestrator


class Fake:
    def __init__(self, url: str, http: aiohttp.ClientSession) -> None:
        self.url = url
        self.http = http

    async def post(self, path: str, payload: Any) -> Any:
        async with self.http.post(self.url + path, json=payload) as response:
            return await response.json()

    async def get(self, path: str, **query: Any) -> Any:
        async with self.http.get(self.url + path, params=query) as response:
            return await response.json()

    async def count(self, method: str) -> int:
        stats = await self.get("/_fake/stats")
        return sum(stats["methods"].get(method, {}).values())


def message(user: int, text: str) -> dict[str, Any]:
    sender = {"id": user, "is_bot": False, "first_name": f"User {user}", "language_code": "ru"}
    body: dict[str, Any] = {
        "message_id": int(time.time() * 1000) % 1_000_000_000,
        "from": sender,
        "chat": {"id": user, "type": "private", "first_name": sender["first_name"]},
        "date": int(time.time()),
        "text": text,
    }
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"message": body}


def press(user: int, shown: dict[str, Any], data: str, number: int) -> dict[str, Any]:
    sender = {"id": user, "is_bot": False, "first_name": f"User {user}", "language_code": "ru"}
    return {
        "callback_query": {
            "id": f"{user}{number:06d}",
            "from": sender,
            "message": shown,
            "chat_instance": str(user),
            "data": data,
        }
    }


async def wait_for(fake: Fake, counts: dict[str, int], timeout: float = 120) -> float:  # noqa: ASYNC109
    """Wait until the fake has seen ``counts`` calls per method; returns the finish time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all([await fake.count(m) >= n for m, n in counts.items()]):
            return time.monotonic()
        await asyncio.sleep(0.02)
    raise TimeoutError(f"the bot did not answer everything: wanted {counts}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def measure(kind: str, fake: Fake, fake_pid: int, database: Path) -> dict[str, float]:
    user_ids = list(range(100_001, 100_001 + USERS))
    await fake.post("/_fake/users", [{"id": u, "first_name": f"User {u}"} for u in user_ids])
    await fake.post("/_fake/reset", {})  # the previous bot's getUpdates must not count
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.throughput", "--serve", kind,
        "--api", fake.url, "--database", str(database), cwd=ROOT,
    )  # fmt: skip
    try:
        await wait_for(fake, {"getUpdates": 1}, timeout=60)  # imported and started
        await fake.post("/_fake/reset", {})
        # Burst 1: every user sends the four commands.
        burst = [message(u, text) for text in COMMANDS for u in user_ids]
        cpu_before = cpu_seconds(child.pid), cpu_seconds(fake_pid)
        started = time.monotonic()
        await fake.post("/_fake/updates", burst)
        await wait_for(fake, {"sendMessage": len(burst)})
        cpu_messages = (cpu_seconds(child.pid) - cpu_before[0]) / len(burst) * 1000
        cpu_presses_from = cpu_seconds(child.pid)
        # Burst 2: every user presses a day, then a session, in their /agenda message.
        presses = []
        for number, user in enumerate(user_ids):
            messages = (await fake.get("/_fake/messages", chat_id=user))["messages"]
            agenda = next(
                m for m in messages if m.get("text", "").startswith(("Программа", "/agenda"))
            )
            day = "ag:day:20250905::0"  # the first day's button, as the bot builds it
            presses.append(press(user, agenda, day, 2 * number))
            presses.append(press(user, agenda, "ag:s::1:0", 2 * number + 1))
        sent_before = await fake.count("answerCallbackQuery")
        await fake.post("/_fake/updates", presses)
        finished = await wait_for(fake, {"answerCallbackQuery": sent_before + len(presses)})
        updates = len(burst) + len(presses)
        rate = updates / (finished - started)
        bot_cpu = (cpu_seconds(child.pid) - cpu_before[0]) / updates * 1000
        cpu_presses = (cpu_seconds(child.pid) - cpu_presses_from) / len(presses) * 1000
        fake_cpu = (cpu_seconds(fake_pid) - cpu_before[1]) / updates * 1000
        rss = peak_rss_mb(child.pid)
        latencies = await latency(fake, user_ids, rate / 2) if kind == "bot" else []
        return {
            "rate": rate,
            "rss": rss,
            "cpu_ms_per_update": bot_cpu,
            "cpu_ms_per_message": cpu_messages,
            "cpu_ms_per_press": cpu_presses,
            "fake_cpu_ms_per_update": fake_cpu,
            **quantiles(latencies),
        }
    finally:
        child.terminate()
        await child.wait()


async def latency(fake: Fake, user_ids: list[int], rate: float) -> list[float]:
    """Update → reply times with updates pushed one by one at ``rate`` per second."""
    calls_before = (await fake.get("/_fake/calls", method="sendMessage"))["next"]
    pushed: dict[int, float] = {}
    for i in range(LATENCY_UPDATES):
        user = user_ids[i % len(user_ids)]
        while user in pushed:  # one outstanding update per chat keeps replies matchable
            user = user_ids[(user_ids.index(user) + 1) % len(user_ids)]
        pushed[user] = time.monotonic()
        await fake.post("/_fake/updates", message(user, COMMANDS[i % len(COMMANDS)]))
        await asyncio.sleep(1 / rate)
        if len(pushed) >= len(user_ids) // 2:
            break
    await asyncio.sleep(1)
    calls = (await fake.get("/_fake/calls", method="sendMessage", since=calls_before))["calls"]
    times = []
    for call in calls:
        chat = call["params"].get("chat_id")
        if chat in pushed:
            times.append(call["at"] - pushed.pop(chat))
    return times


def quantiles(values: list[float]) -> dict[str, float]:
    if len(values) < 20:
        return {}
    cuts = statistics.quantiles(values, n=100)
    return {"p50_ms": cuts[49] * 1000, "p95_ms": cuts[94] * 1000}


async def run() -> None:
    fake_process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.fake_bot_api", "--port", "0", "--token", TOKEN,
        cwd=ROOT, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert fake_process.stdout is not None
    url = (await fake_process.stdout.readline()).decode().split()[1]
    try:
        with tempfile.TemporaryDirectory() as folder:
            database = Path(folder) / "bench.sqlite3"
            await prepare_store(database)
            async with aiohttp.ClientSession() as http:
                fake = Fake(url, http)
                echo = await measure("echo", fake, fake_process.pid, database)
                this = await measure("bot", fake, fake_process.pid, database)
    finally:
        fake_process.terminate()
        await fake_process.wait()
    ratio = this["rate"] / echo["rate"]
    print(json.dumps({"echo": echo, "bot": this}, indent=1))
    print(f"echo bot:  {echo['rate']:8.1f} updates/s")
    print(f"this bot:  {this['rate']:8.1f} updates/s   ratio {ratio:.2f} (target ≥ 0.70)")
    cpu_ratio = echo["cpu_ms_per_update"] / this["cpu_ms_per_update"]
    print(
        f"CPU per update: echo {echo['cpu_ms_per_update']:.2f} ms, this bot"
        f" {this['cpu_ms_per_update']:.2f} ms; ratio {cpu_ratio:.2f} (the rate ratio on an"
        " otherwise idle machine)"
    )
    print(
        f"peak RSS:  {this['rss']:8.1f} MB with {KNOWN_USERS} known users (target < 150);"
        f" the echo bot: {echo['rss']:.1f} MB"
    )
    print(
        f"latency at half rate: p50 {this.get('p50_ms', float('nan')):.1f} ms,"
        f" p95 {this.get('p95_ms', float('nan')):.1f} ms (target p95 < 100)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__)
    parser.add_argument("--serve", choices=("echo", "bot"), help=argparse.SUPPRESS)
    parser.add_argument("--api", help=argparse.SUPPRESS)
    parser.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve == "echo":
        asyncio.run(serve_echo(args.api))
    elif args.serve == "bot":
        asyncio.run(serve_bot(args.api, args.database))
    else:
        asyncio.run(run())


if __name__ == "__main__":
    main()
