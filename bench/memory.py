"""What this bot adds to aiogram's memory: peak RSS minus the same-reply bot's.

Importing aiogram alone takes ~165 MB here, so the figure that is ours is the difference.
``python -m bench.memory`` runs the fake Bot API and each bot in a process of its own, one
after the other, on the same store: 10,000 known users and 1,000 followers per session.
Every one of the users sends the bot one command (/start, /agenda, /delegations or
/summary, in their language) while this bot also sends the first session's reminder to its
1,000 followers (its clock is set so it falls due a few seconds in; ``--delivery-rate``
300/s so the run stays short: what the worker holds does not depend on the rate). The
same-reply bot (``bench.baseline_bot``) answers the same updates with this bot's replies,
captured first. Prints each bot's RSS after start-up and its peak, and the difference.
Target: ≤ 40 MB. ``--tracemalloc FILE`` has this bot write its biggest allocation sites
(tracing inflates RSS: the figures of such a run are not the bot's).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from bench.baseline_bot import ReplyBook, book_key, capture
from bench.bot_process import TOKEN
from bench.fake_process import (
    FakeClient,
    FakeServer,
    fake_server_process,
    peak_rss_mb,
    rss_mb,
    start_child,
    stop_child,
)
from bench.peak_taps import LEAD
from bench.traffic import message
from bench.world import FOLLOWERS, KNOWN_USERS, Session, language_of, prepare_store

COMMANDS = ("/start", "/agenda", "/delegations", "/summary")
HEADSTART = 10.0  # seconds from this bot's start to the reminder's moment


@dataclass
class Bench:
    fake: FakeClient
    server: FakeServer
    folder: Path
    users: int
    reminded: Session
    delivery_rate: float
    tracemalloc: Path | None
    headstart: float = HEADSTART

    def workload(self) -> list[dict[str, Any]]:
        """One command from every user but the two whose replies make the book."""
        return [
            message(u, COMMANDS[u % len(COMMANDS)], language_of(u))
            for u in range(1, self.users - 1)
        ]

    def capturers(self) -> list[int]:
        return [self.users - 1, self.users]  # one of each language


async def one_at_a_time(fake: FakeClient, users: list[int]) -> ReplyBook:
    """Every command from each of ``users``, answered before the next: the book."""
    book = ReplyBook()
    for user in users:
        language = language_of(user)
        for text in COMMANDS:
            book.replies[book_key(language, text)] = await capture(
                fake, message(user, text, language), user
            )
    return book


async def measure(kind: str, bench: Bench) -> dict[str, float]:
    fake = bench.fake
    await fake.reset()
    if kind == "bot":
        moment = bench.reminded.starts_at - LEAD
        offset = moment - dt.datetime.now(dt.UTC) - dt.timedelta(seconds=bench.headstart)
        args = [
            "bench.bot_process",
            *("--api", bench.server.url, "--database", str(bench.folder / "bench.sqlite3")),
            *("--clock-offset", str(offset.total_seconds())),
            *("--delivery-rate", str(bench.delivery_rate)),
        ]
        if bench.tracemalloc:
            args += ["--tracemalloc", str(bench.tracemalloc)]
    else:
        book_file = str(bench.folder / "book.json")
        args = ["bench.baseline_bot", "same", "--api", bench.server.url, "--book", book_file]
    child = await start_child(*args)
    try:
        await fake.wait_for({"getUpdates": 1}, timeout=60, child=child)
        started_rss = rss_mb(child.pid)
        book = await one_at_a_time(fake, bench.capturers())
        if kind == "bot":
            book.save(bench.folder / "book.json")
        # No reset from here on: the reminder may fall due while the book is being made.
        captured = sum(r.method == "sendMessage" for rs in book.replies.values() for r in rs)
        updates = bench.workload()
        reminders = len(bench.reminded.followers) if kind == "bot" else 0
        started = time.monotonic()
        await fake.updates(updates)
        wanted = {"sendMessage": captured + len(updates) + reminders}
        await fake.wait_for(wanted, timeout=600, child=child)
        return {
            "rss_after_start_mb": started_rss,
            "peak_rss_mb": peak_rss_mb(child.pid),
            "rss_at_end_mb": rss_mb(child.pid),
            "updates": len(updates),
            "reminders": reminders,
            "seconds": time.monotonic() - started,
        }
    finally:
        await stop_child(child)


async def run(
    users: int,
    followers: int,
    delivery_rate: float,
    tracemalloc: Path | None = None,
    headstart: float = HEADSTART,
) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        sessions = await prepare_store(Path(folder) / "bench.sqlite3", users, followers)
        async with fake_server_process(TOKEN) as server, aiohttp.ClientSession() as http:
            fake = FakeClient(server.url, http)
            everyone = [{"id": u, "language_code": language_of(u)} for u in range(1, users + 1)]
            await fake.post("users", everyone)
            bench = Bench(
                fake,
                server,
                Path(folder),
                users,
                sessions[0],
                delivery_rate,
                tracemalloc,
                headstart,
            )
            results = {"bot": await measure("bot", bench)}
            results["same"] = await measure("same", bench)
    return results


def report(results: dict[str, dict[str, float]], users: int, followers: int) -> None:
    print(json.dumps(results, indent=1))
    bot, same = results["bot"], results["same"]
    print(f"{'':28}{'same-reply':>12}{'this bot':>10}{'difference':>12}")
    for label, key in (
        ("RSS after start-up, MB", "rss_after_start_mb"),
        ("peak RSS, MB", "peak_rss_mb"),
        ("RSS at the end, MB", "rss_at_end_mb"),
    ):
        print(f"{label:28}{same[key]:12.1f}{bot[key]:10.1f}{bot[key] - same[key]:+12.1f}")
    added = bot["peak_rss_mb"] - same["peak_rss_mb"]
    print(
        f"{users} users ({bot['updates']:.0f} sent a command), {followers} followers per"
        f" session, a reminder to {bot['reminders']:.0f} of them during the run"
    )
    verdict = "met" if added <= 40 else "MISSED"
    print(f"this bot adds {added:.1f} MB of peak RSS (target ≤ 40: {verdict})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__)
    parser.add_argument("--users", type=int, default=KNOWN_USERS)
    parser.add_argument("--followers", type=int, default=FOLLOWERS)
    parser.add_argument("--delivery-rate", type=float, default=300.0)
    parser.add_argument("--tracemalloc", type=Path, help="this bot's allocation sites")
    parser.add_argument(
        "--headstart", type=float, default=HEADSTART, help="seconds from start-up to the reminder"
    )
    args = parser.parse_args(argv)
    results = asyncio.run(
        run(args.users, args.followers, args.delivery_rate, args.tracemalloc, args.headstart)
    )
    report(results, args.users, args.followers)


if __name__ == "__main__":
    main()
