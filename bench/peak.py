"""The peak moment: right after a reminder, a thousand people tap a button within a second.

``python -m bench.peak`` runs the fake Bot API and this bot in processes of their own. The
store holds 10,000 known users, 1,000 following each session. The bot's clock is set so the
first session's reminder falls due a few seconds after start-up; it goes to its 1,000
followers at the delivery rate (30/s). Once half of them have it, ``--taps`` users tap within
``--spread`` seconds while the rest of the reminder is still going out:

- half press «Session details» under the reminder they got (a new message with the
  session and its «Remind me» toggle);
- half press «🔔 Remind me» under another session they opened earlier (the button flips,
  the subscription is stored).

Printed: p50, p95 and max time from update to its answer (answerCallbackQuery, the last
call the bot makes for a tap) and to its first reply, taps lost (never answered) and
answered twice (answers per callback id at the fake), «Remind me» taps not stored, the
bot's CPU during the peak, and the reminder's delivery. Then the same taps go to the
same-reply bot (``bench.baseline_bot``), replies captured from this bot after its peak,
for comparison (it has no reminder to send meanwhile). Target: p95 < 1 s, nothing lost,
nothing answered twice.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import datetime as dt
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from bench.bot_process import TOKEN
from bench.fake_process import (
    FakeClient,
    FakeServer,
    cpu_seconds,
    fake_server_process,
    main_thread_cpu_seconds,
    peak_rss_mb,
    start_child,
    stop_child,
)
from bench.peak_taps import (
    HEADSTART,
    LEAD,
    Plan,
    capture_book,
    is_reminder,
    make_plan,
    not_stored,
    open_followed,
    push_spread,
    taps_for,
    wait_for_reminders,
)
from bench.traffic import quantiles
from bench.world import FOLLOWERS, KNOWN_USERS, language_of, prepare_store


async def peak(
    fake: FakeClient, pid: int, plan: Plan, taps: list[dict[str, Any]], spread: float
) -> dict[str, Any]:
    """Feed the taps and wait for their answers; the figures of the peak."""
    _, start = await fake.calls(since=10**9)
    answered = await fake.count("answerCallbackQuery")
    cpu_before, main_before = cpu_seconds(pid), main_thread_cpu_seconds(pid)
    pushed = await push_spread(fake, taps, spread)
    try:
        done = await fake.wait_for({"answerCallbackQuery": answered + len(taps)}, timeout=60)
    except TimeoutError:
        done = time.monotonic()
    cpu = cpu_seconds(pid) - cpu_before
    main = main_thread_cpu_seconds(pid) - main_before
    window = done - min(pushed.values())
    await asyncio.sleep(2.0)  # a second answer to any tap would show up now
    calls, _ = await fake.calls(since=start)
    answers = collections.Counter(
        str(c["params"].get("callback_query_id"))
        for c in calls
        if c["method"] == "answerCallbackQuery"
    )
    answer_at = {
        str(c["params"]["callback_query_id"]): c["at"]
        for c in reversed(calls)
        if c["method"] == "answerCallbackQuery"
    }
    chat_of = {tap["callback_query"]["id"]: tap["callback_query"]["from"]["id"] for tap in taps}
    first_reply = first_reply_times(calls, pushed, chat_of)
    tappers = set(chat_of.values())
    made = [
        c
        for c in calls
        if c["method"] == "answerCallbackQuery"
        or (c["params"].get("chat_id") in tappers and not is_reminder(c, plan))
    ]
    return {
        "taps": len(taps),
        "lost": sum(1 for q in pushed if answers[q] == 0),
        "answered_twice": sum(1 for q in pushed if answers[q] > 1),
        "answer": quantiles([answer_at[q] - pushed[q] for q in pushed if q in answer_at]),
        "first_reply": quantiles(first_reply),
        "cpu_s": cpu,
        "cpu_ms_per_tap": cpu / len(taps) * 1000,
        "cpu_s_event_loop_thread": main,
        "cpu_share": cpu / window if window > 0 else float("nan"),
        "window_s": window,
        "rss_mb": peak_rss_mb(pid),
        "reminders_during_peak": sum(1 for c in calls if c["at"] <= done and is_reminder(c, plan)),
        "calls_per_tap": len(made) / len(taps),
        "request_chars_per_tap": sum(len(json.dumps(c["params"], ensure_ascii=False)) for c in made)
        / len(taps),
    }


def first_reply_times(
    calls: list[dict[str, Any]], pushed: dict[str, float], chat_of: dict[str, int]
) -> list[float]:
    """Update → the first message sent or edited in the tapper's chat."""
    pending = {chat_of[q]: at for q, at in pushed.items()}
    times = []
    for call in calls:
        chat = call["params"].get("chat_id")
        if call["method"] != "answerCallbackQuery" and chat in pending:
            times.append(call["at"] - pending.pop(chat))
    return times


@dataclass
class Bench:
    fake: FakeClient
    server: FakeServer
    folder: Path
    plan: Plan
    taps: int
    spread: float
    profile: Path | None = None
    headstart: float = HEADSTART


async def run_bot(bench: Bench) -> tuple[dict[str, Any], dict[int, Any]]:
    fake, plan = bench.fake, bench.plan
    await fake.reset()
    _, since = await fake.calls(since=10**9)
    moment = plan.reminded.starts_at - LEAD
    offset = moment - dt.datetime.now(dt.UTC) - dt.timedelta(seconds=bench.headstart)
    database = bench.folder / "bench.sqlite3"
    child = await start_child(
        "bench.bot_process",
        *("--api", bench.server.url, "--database", str(database)),
        *("--clock-offset", str(offset.total_seconds())),
        *(("--profile", str(bench.profile)) if bench.profile else ()),
    )
    try:
        await fake.wait_for({"getUpdates": 1}, timeout=60, child=child)
        opened = await open_followed(fake, plan, "bot")
        half = bench.taps // 2
        reminders = await wait_for_reminders(fake, plan, since, half)
        plan.detail_users = list(reminders)[:half]
        taps = taps_for(plan, "bot", reminders, opened)
        result = await peak(fake, child.pid, plan, taps, bench.spread)
        followers = len(plan.reminded.followers)
        reminders = await wait_for_reminders(fake, plan, since, followers)
        await asyncio.sleep(1.0)  # a reminder sent twice would show up now
        calls, _ = await fake.calls("sendMessage", since=since)
        sent = collections.Counter(c["params"]["chat_id"] for c in calls if is_reminder(c, plan))
        result["reminders_delivered"] = len(sent)
        result["reminders_expected"] = followers
        result["reminder_duplicates"] = sum(n - 1 for n in sent.values())
        book = await capture_book(fake, plan, reminders)
        book.save(bench.folder / "book.json")
    finally:
        await stop_child(child)
    result["remind_not_stored"] = await not_stored(database, plan)
    return result, reminders


async def run_baseline(bench: Bench, reminders: dict[int, Any]) -> dict[str, Any]:
    fake = bench.fake
    await fake.reset()
    child = await start_child(
        "bench.baseline_bot", "same", "--api", bench.server.url,
        "--book", str(bench.folder / "book.json"),
    )  # fmt: skip
    try:
        await fake.wait_for({"getUpdates": 1}, timeout=60, child=child)
        opened = await open_followed(fake, bench.plan, "same")
        taps = taps_for(bench.plan, "same", reminders, opened)
        return await peak(fake, child.pid, bench.plan, taps, bench.spread)
    finally:
        await stop_child(child)


async def run(
    users: int,
    followers: int,
    taps: int,
    spread: float,
    baseline: bool,
    profile: Path | None = None,
    headstart: float = HEADSTART,
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        sessions = await prepare_store(Path(folder) / "bench.sqlite3", users, followers)
        plan = make_plan(sessions, users, taps)
        async with fake_server_process(TOKEN) as server, aiohttp.ClientSession() as http:
            fake = FakeClient(server.url, http)
            await fake.post(
                "users", [{"id": u, "language_code": language_of(u)} for u in range(1, users + 1)]
            )
            bench = Bench(fake, server, Path(folder), plan, taps, spread, profile, headstart)
            results: dict[str, Any] = {}
            results["bot"], reminders = await run_bot(bench)
            if baseline:
                results["same"] = await run_baseline(bench, reminders)
    return results


def report(results: dict[str, Any], spread: float) -> None:
    print(json.dumps(results, indent=1))
    bot = results["bot"]
    for name, figures in (("this bot", bot), ("same-reply bot", results.get("same"))):
        if figures is None:
            continue
        answer, reply = figures["answer"], figures["first_reply"]
        nan = float("nan")
        print(
            f"{name}: {figures['taps']} taps in {spread:g} s; update → answer"
            f" p50 {answer.get('p50_ms', nan):.0f} ms, p95 {answer.get('p95_ms', nan):.0f} ms,"
            f" max {answer.get('max_ms', nan):.0f} ms;"
            f" → first reply p95 {reply.get('p95_ms', nan):.0f} ms"
        )
        print(
            f"  lost {figures['lost']}, answered twice {figures['answered_twice']};"
            f" CPU {figures['cpu_s']:.2f} s = {figures['cpu_ms_per_tap']:.2f} ms per tap,"
            f" {figures['cpu_share']:.0%} of a core over {figures['window_s']:.2f} s"
            f" ({figures['cpu_s_event_loop_thread']:.2f} s in the event loop's thread);"
            f" peak RSS {figures['rss_mb']:.0f} MB; {figures['calls_per_tap']:.2f} Bot API"
            f" calls, {figures['request_chars_per_tap']:.0f} characters of parameters per tap"
        )
    print(
        f"«Remind me» not stored: {bot['remind_not_stored']}; reminder delivered"
        f" {bot['reminders_delivered']}/{bot['reminders_expected']}, duplicates"
        f" {bot['reminder_duplicates']}, {bot['reminders_during_peak']} sent during the peak"
    )
    p95 = bot["answer"].get("p95_ms", float("inf"))
    clean = bot["lost"] == 0 and bot["answered_twice"] == 0 and bot["remind_not_stored"] == 0
    print(
        f"target p95 < 1 s: {'met' if p95 < 1000 else 'MISSED'};"
        f" nothing lost or answered twice: {'met' if clean else 'MISSED'}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.peak", description=__doc__)
    parser.add_argument("--taps", type=int, default=1000)
    parser.add_argument("--spread", type=float, default=1.0, help="seconds the taps come in")
    parser.add_argument("--users", type=int, default=KNOWN_USERS)
    parser.add_argument("--followers", type=int, default=FOLLOWERS)
    parser.add_argument("--no-baseline", action="store_true", help="only this bot")
    parser.add_argument("--profile", type=Path, help="save a cProfile of this bot's run")
    parser.add_argument(
        "--headstart", type=float, default=HEADSTART, help="seconds from start-up to the reminder"
    )
    args = parser.parse_args(argv)
    results = asyncio.run(
        run(
            args.users,
            args.followers,
            args.taps,
            args.spread,
            not args.no_baseline,
            args.profile,
            args.headstart,
        )
    )
    report(results, args.spread)


if __name__ == "__main__":
    main()
