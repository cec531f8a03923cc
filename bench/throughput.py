"""Update throughput and CPU per update: an echo bot, a same-reply bot and this bot.

``python -m bench.throughput`` starts the fake Bot API (``tests.fake_bot_api``) and each bot
in a process of its own, one after the other. This bot goes first: six updates from one
user, one at a time, record its replies (``bench.baseline_bot.capture``); then every bot
gets the same burst from ``--users`` new users (/start, /agenda, /delegations, /summary,
then a day and a session pressed in the /agenda message). The store holds 10,000 known
users and 1,000 followers per session.

The machine is shared: a bot's CPU per update swings by a third between runs minutes
apart. So the bots take ``--rounds`` turns (this bot, echo, same-reply; then the other way
round), each with users of its own, and this bot is compared with the same-reply bot of
its own round: the ratio reported is the median of the rounds' (each printed). Prints, in
one run, updates/s, CPU milliseconds per update and peak RSS of the three (medians), this
bot's CPU against the same-reply bot's (target ≤ 1.25×), and p50/p95 update→reply latency
at half this bot's rate (target p95 < 100 ms). ``--profile FILE.prof`` saves a cProfile of
this bot's first round.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
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
    cpu_seconds,
    fake_server_process,
    peak_rss_mb,
    start_child,
    stop_child,
)
from bench.traffic import message, press, quantiles
from bench.world import FOLLOWERS, KNOWN_USERS, prepare_store

USERS = 200
ROUNDS = 5
LATENCY_UPDATES = 300
COMMANDS = ("/start", "/agenda", "/delegations", "/summary")
PRESSES = ("ag:day:20250905::0", "ag:s::1:0")  # a day, then a session, as the bot packs them
KINDS = ("echo", "same", "bot")
FIRST_USER = {"bot": 100_001, "echo": 200_001, "same": 300_001}
"""Each bot and round gets users of its own: a chat's messages stay in the fake."""
WARM_UP_USER = 99_000  # + the round's and the kind's: six updates one at a time first


@dataclass
class Run:
    fake: FakeClient
    server: FakeServer
    folder: Path
    users: int
    profile: Path | None


def child_args(kind: str, run: Run, round_: int) -> tuple[str, ...]:
    if kind == "bot":
        args = ("--api", run.server.url, "--database", str(run.folder / "bench.sqlite3"))
        profile = ("--profile", str(run.profile)) if run.profile and round_ == 0 else ()
        return ("bench.bot_process", *args, *profile)
    book = ("--book", str(run.folder / "book.json")) if kind == "same" else ()
    return ("bench.baseline_bot", kind, "--api", run.server.url, *book)


async def agenda_message(fake: FakeClient, user: int) -> dict[str, Any]:
    """The user's /agenda answer (the programme; the echo bot's is «/agenda»)."""
    messages = await fake.messages(user)
    return next(m for m in messages if m.get("text", "").startswith(("Программа", "/agenda")))


async def one_at_a_time(fake: FakeClient, user: int) -> ReplyBook:
    """The six updates of the burst from one user, each answered before the next; returns
    what the bot answered to each (the same-reply bot's book when this bot answers)."""
    book = ReplyBook()
    for text in COMMANDS:
        book.replies[book_key("ru", text)] = await capture(fake, message(user, text), user)
    shown = await agenda_message(fake, user)
    for number, data in enumerate(PRESSES):
        update = press(user, shown, data, f"w{user}-{number}")
        book.replies[book_key("ru", data)] = await capture(fake, update, user)
    return book


async def measure(kind: str, run: Run, round_: int) -> dict[str, float]:
    """One round of one bot: a fresh process, a warm-up user, the burst from new users."""
    fake = run.fake
    first = FIRST_USER[kind] + round_ * run.users
    user_ids = list(range(first, first + run.users))
    await fake.post("users", [{"id": u, "first_name": f"User {u}"} for u in user_ids])
    await fake.reset()  # the previous bot's getUpdates must not count
    child = await start_child(*child_args(kind, run, round_))
    try:
        await fake.wait_for({"getUpdates": 1}, timeout=60, child=child)  # imported and started
        book = await one_at_a_time(fake, WARM_UP_USER + 10 * round_ + KINDS.index(kind))
        if kind == "bot" and round_ == 0:
            book.save(run.folder / "book.json")
        await fake.reset()
        # Burst 1: every user sends the four commands.
        burst = [message(u, text) for text in COMMANDS for u in user_ids]
        cpu_start, fake_cpu_start = cpu_seconds(child.pid), cpu_seconds(run.server.pid)
        started = time.monotonic()
        await fake.updates(burst)
        await fake.wait_for({"sendMessage": len(burst)})
        cpu_presses_from = cpu_seconds(child.pid)
        # Burst 2: every user presses a day, then a session, in their /agenda message.
        presses = []
        for user in user_ids:
            shown = await agenda_message(fake, user)
            presses += [press(user, shown, data, f"{user}-{i}") for i, data in enumerate(PRESSES)]
        answered_before = await fake.count("answerCallbackQuery")
        await fake.updates(presses)
        finished = await fake.wait_for({"answerCallbackQuery": answered_before + len(presses)})
        cpu_end = cpu_seconds(child.pid)
        updates = len(burst) + len(presses)
        result = {
            "rate": updates / (finished - started),
            "cpu_ms_per_update": (cpu_end - cpu_start) / updates * 1000,
            "cpu_ms_per_message": (cpu_presses_from - cpu_start) / len(burst) * 1000,
            "cpu_ms_per_press": (cpu_end - cpu_presses_from) / len(presses) * 1000,
            "fake_cpu_ms_per_update": (cpu_seconds(run.server.pid) - fake_cpu_start)
            / updates
            * 1000,
            "rss_mb": peak_rss_mb(child.pid),
        }
        result |= await requests_made(fake, updates)
        if kind == "bot" and round_ == 0:
            result |= quantiles(await latency(fake, user_ids, result["rate"] / 2))
        return result
    finally:
        await stop_child(child)


async def requests_made(fake: FakeClient, updates: int) -> dict[str, float]:
    """Bot API calls and their parameters' size per update: the same-reply bot's must
    match this bot's, or the comparison is not fair."""
    calls, _ = await fake.calls()
    made = [c for c in calls if c["method"] != "getUpdates"]
    size = sum(len(json.dumps(c["params"], ensure_ascii=False)) for c in made)
    return {"calls_per_update": len(made) / updates, "request_chars_per_update": size / updates}


async def latency(fake: FakeClient, user_ids: list[int], rate: float) -> list[float]:
    """Update → reply times with updates pushed one by one at ``rate`` per second."""
    _, calls_before = await fake.calls(since=10**9)
    pushed: dict[int, float] = {}
    for i in range(LATENCY_UPDATES):
        user = user_ids[i % len(user_ids)]
        if user in pushed:  # one outstanding update per chat keeps replies matchable
            break
        pushed[user] = time.monotonic()
        await fake.updates(message(user, COMMANDS[i % len(COMMANDS)]))
        await asyncio.sleep(1 / rate)
    await asyncio.sleep(1)
    calls, _ = await fake.calls("sendMessage", since=calls_before)
    times = []
    for call in calls:
        chat = call["params"].get("chat_id")
        if chat in pushed:
            times.append(call["at"] - pushed.pop(chat))
    return times


Rounds = dict[str, list[dict[str, float]]]
"""Per bot, its figures in each round."""


def order(round_: int) -> tuple[str, ...]:
    """This bot first in the first round (its replies make the same-reply bot's book),
    then the bots take turns the other way round, and so on."""
    return ("same", "echo", "bot") if round_ % 2 else ("bot", "echo", "same")


async def run(users: int, rounds: int, profile: Path | None) -> Rounds:
    results: Rounds = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory() as folder:
        await prepare_store(Path(folder) / "bench.sqlite3")
        async with fake_server_process(TOKEN) as server, aiohttp.ClientSession() as http:
            bench = Run(FakeClient(server.url, http), server, Path(folder), users, profile)
            for round_ in range(rounds):
                for kind in order(round_):
                    results[kind].append(await measure(kind, bench, round_))
    return results


def medians(rounds: list[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the rounds (the latency is measured in the first only)."""
    return {key: statistics.median(r[key] for r in rounds if key in r) for key in rounds[0]}


def share(part: float, whole: float) -> float:
    """``part / whole``; NaN when a tiny run used less than a clock tick of CPU."""
    return part / whole if whole else float("nan")


def report(results: Rounds) -> None:
    print(json.dumps(results, indent=1))
    echo, same, bot = (medians(results[kind]) for kind in ("echo", "same", "bot"))
    rounds = len(results["bot"])
    print(f"medians of {rounds} rounds:")
    print(f"{'':24}{'echo':>10}{'same-reply':>12}{'this bot':>10}")
    rows = [
        ("updates/s", "rate", "{:10.0f}"),
        ("CPU ms per update", "cpu_ms_per_update", "{:10.2f}"),
        ("  per message", "cpu_ms_per_message", "{:10.2f}"),
        ("  per button press", "cpu_ms_per_press", "{:10.2f}"),
        ("peak RSS, MB", "rss_mb", "{:10.1f}"),
        ("Bot API calls per update", "calls_per_update", "{:10.2f}"),
        ("request chars per update", "request_chars_per_update", "{:10.0f}"),
    ]
    for label, key, number in rows:
        cells = [number.format(r[key]) for r in (echo, same, bot)]
        print(f"{label:24}{cells[0]}{cells[1]:>12}{cells[2]}")
    ratios = [
        share(ours["cpu_ms_per_update"], theirs["cpu_ms_per_update"])
        for ours, theirs in zip(results["bot"], results["same"], strict=True)
    ]
    ratio = statistics.median(ratios)
    verdict = "met" if ratio <= 1.25 else "MISSED"
    each = ", ".join(f"{r:.2f}" for r in ratios)
    print(
        f"CPU per update, this bot / same-reply bot: {ratio:.2f}, the median of the rounds'"
        f" {each} (target ≤ 1.25: {verdict})"
    )
    cpu_echo = share(bot["cpu_ms_per_update"], echo["cpu_ms_per_update"])
    print(
        f"CPU per update, this bot / echo bot: {cpu_echo:.2f};"
        f" rate this bot / echo bot: {bot['rate'] / echo['rate']:.2f}"
    )
    print(
        f"peak RSS, this bot − same-reply bot: {bot['rss_mb'] - same['rss_mb']:+.1f} MB"
        f" ({KNOWN_USERS} users and {FOLLOWERS} followers per session in the store)"
    )
    p95 = bot.get("p95_ms", float("nan"))
    verdict = "met" if p95 < 100 else "MISSED"
    print(
        f"latency at half rate: p50 {bot.get('p50_ms', float('nan')):.1f} ms,"
        f" p95 {p95:.1f} ms (target p95 < 100: {verdict})"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.throughput", description=__doc__)
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="turns each bot takes")
    parser.add_argument("--profile", type=Path, help="save a cProfile of this bot's run")
    args = parser.parse_args(argv)
    report(asyncio.run(run(args.users, max(1, args.rounds), args.profile)))


if __name__ == "__main__":
    main()
