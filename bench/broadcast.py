"""Broadcast benchmark: one organiser broadcast to N recipients through the delivery outbox.

The fake Bot API runs in a separate process (no artificial latency); this process holds the
store, the delivery worker and the broadcast service exactly as the bot builds them. The
clock starts when the broadcast is written (all N outbox rows) and stops at the last send
the fake records. Prints delivered, lost, duplicates, wall time, achieved rate / limit and
the busiest sliding second as the fake saw the requests arrive (Telegram counts there).

    python -m bench.broadcast --recipients 1000 --rate 30 [--fault-429 0.05]
    python -m bench.broadcast --recipients 1000 --stray-429 0.05 --stray-seconds 30
    python -m bench.broadcast --recipients 2000 --hidden-limit 20  # 429 past 20 per second
    python -m bench.broadcast --recipients 10000 --rate 0     # limit lifted: capacity
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
from bench.pacing_figures import Call, paused_seconds, stray_figures
from bot.broadcasts.service import KIND, BroadcastService, Draft
from bot.broadcasts.values import Audience, AudienceKind
from bot.config import Settings
from bot.delivery import Delivery, DeliveryLimits
from bot.delivery.notify import Notifier
from bot.store.holder import Store
from bot.time.clock import SystemClock
from bot.users.access import AccessService
from bot.users.values import Role, User
from bot.wiring import build_bot

TOKEN = "123456789:AAEventDeskBenchToken-0123456789abc"
UNLIMITED = 1_000_000.0  # --rate 0: no pacing at all, to measure the outbox itself
TEXT = "<b>Programme change</b>: the plenary moves to hall B at 14:30."


async def add_recipients(store: Store, user_ids: list[int]) -> None:
    now = dt.datetime.now(dt.UTC).isoformat()
    await store.conn.executemany(
        "INSERT INTO users (id, first_name, first_seen, last_seen, role)"
        " VALUES (?, 'Bench', ?, ?, ?)",
        [(uid, now, now, Role.PRESS.value) for uid in user_ids],
    )
    await store.conn.commit()


async def clear_faults_after(url: str, seconds: float) -> None:
    """End the stray phase: from now on the fake answers every send."""
    await asyncio.sleep(seconds)
    await asyncio.to_thread(control, url, "faults", {"clear": True})


async def run(
    recipients: int,
    rate: float,
    fault_429: float,
    hidden_limit: int | None = None,
    *,
    fault_seconds: float | None = None,
    deadline: float = float("inf"),
) -> dict[str, Any]:
    """One broadcast; 429s at random for ``fault_seconds`` (all along if None); the wait
    for it to finish gives up after ``deadline`` seconds."""
    user_ids = list(range(20_000_001, 20_000_001 + recipients))
    limit = rate or UNLIMITED
    async with fake_server(TOKEN) as url:
        control(url, "users", [{"id": uid} for uid in user_ids])
        if fault_429 > 0:
            control(url, "faults", {"rate": fault_429, "status": 429, "retry_after": 1})
        if hidden_limit is not None:
            control(url, "hidden_limit", {"per_second": hidden_limit})
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                bot_token=TOKEN,
                telegram_api_url=url,
                database_path=Path(tmp) / "bench.sqlite3",
            )
            store = await Store.open(settings.database_path)
            await add_recipients(store, user_ids)
            bot = build_bot(settings)
            clock = SystemClock()
            limits = DeliveryLimits(rate=limit, paid_broadcast=limit > 30)
            delivery = Delivery(store.outbox, bot, clock, limits)
            notifier = Notifier(delivery, store.users, "en")
            broadcasts = BroadcastService(
                store, clock, delivery, AccessService(store, ()), notifier
            )
            await delivery.start()
            try:
                author = User(1, "Bench", "en", Role.ORGANISER)
                started = time.monotonic()
                broadcast = await broadcasts.start(
                    author, Draft("bench", TEXT), Audience(AudienceKind.PRESS), None
                )
                written = time.monotonic() - started
                assert broadcast is not None
                if fault_seconds is not None:
                    clearing = asyncio.create_task(clear_faults_after(url, fault_seconds))
                progress = await delivery.progress(KIND, str(broadcast.id))
                while not progress.finished and time.monotonic() - started < deadline:
                    await asyncio.sleep(0.05)  # the outbox is the truth: poll it
                    progress = await delivery.progress(KIND, str(broadcast.id))
                await asyncio.sleep(1.0)  # anything sent twice would show up now
                progress = await delivery.progress(KIND, str(broadcast.id))
                if fault_seconds is not None:
                    clearing.cancel()  # the broadcast ended first: faults till the end
            finally:
                await delivery.stop()
                await bot.session.close()
                await store.close()
        stats = control(url, "stats")
        calls = control(url, "calls?method=sendMessage")["calls"]
        busiest = control(url, "arrivals")["max_per_second"]
    paused = paused_seconds([c["at"] for c in calls if c["status"] == 429], 1.0)
    sends = stats["sends"]
    per_chat = {int(chat): count for chat, count in sends["per_chat"].items()}
    wanted = set(user_ids)
    delivered = sum(1 for chat in per_chat if chat in wanted)
    first, last = sends["first_at"], sends["last_at"]
    span = last - first if first is not None and last is not None else 0.0
    return {
        "recipients": recipients,
        "delivered": delivered,
        "lost": recipients - delivered,
        "duplicates": sum(count - 1 for chat, count in per_chat.items() if chat in wanted),
        "recorded_sent": progress.sent,
        "outbox_write_s": written,
        "wall_s": (last - started) if last is not None else float("nan"),
        "paused_s": paused,
        "achieved": (sends["total"] - 1) / span if span > 0 else 0.0,
        "limit": rate,
        "hidden_limit": hidden_limit,
        "busiest_second": busiest,
        "statuses": stats["methods"].get("sendMessage", {}),
        "calls": [Call(c["at"], c["status"]) for c in calls],
        "finished": progress.finished,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.broadcast", description=__doc__)
    parser.add_argument("--recipients", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=30.0, help="messages/s; 0 lifts the limit")
    parser.add_argument(
        "--fault-429",
        type=float,
        default=0.0,
        help="share of sends answered 429 retry_after 1, all along",
    )
    parser.add_argument(
        "--hidden-limit",
        type=int,
        default=None,
        help="the fake answers 429 past this many sends in a sliding second (bot keeps --rate)",
    )
    parser.add_argument(
        "--stray-429",
        type=float,
        default=0.0,
        help="stray mode: a fault-free broadcast, then one whose sends are answered 429"
        " retry_after 1 at this share for --stray-seconds; prints issue 20's figures",
    )
    parser.add_argument("--stray-seconds", type=float, default=30.0)
    parser.add_argument(
        "--deadline", type=float, default=240.0, help="stray mode: give up waiting after this"
    )
    args = parser.parse_args(argv)
    if args.stray_429 > 0:
        asyncio.run(stray(args))
        return
    result = asyncio.run(run(args.recipients, args.rate, args.fault_429, args.hidden_limit))
    report(result, args.fault_429)


async def stray(args: argparse.Namespace) -> None:
    """The same broadcast without faults, then with stray 429s for its first seconds."""
    clean = await run(args.recipients, args.rate, 0.0)
    report(clean, 0.0)
    print()
    faulty = await run(
        args.recipients,
        args.rate,
        args.stray_429,
        fault_seconds=args.stray_seconds,
        deadline=args.deadline,
    )
    report(faulty, args.stray_429)
    print()
    report_stray(clean, faulty, args)


def report_stray(clean: dict[str, Any], faulty: dict[str, Any], args: argparse.Namespace) -> None:
    """Issue 20's targets: rate between pauses, finish time, recovery after the last 429."""
    rate = args.rate
    figures = stray_figures(faulty["calls"], rate, 1.0)
    print(f"stray 429s: {args.stray_429:.0%} of sends for the first {args.stray_seconds:g} s")
    print(
        f"rate between pauses: {figures.rate_between_pauses:.1f} msg/s ="
        f" {figures.rate_between_pauses / rate:.1%} of {rate:g}"
        f" ({figures.sent_while_stray} sent, {figures.answers_429} answers of 429,"
        f" {figures.paused_s:.1f} s paused)"
    )
    budget = clean["wall_s"] + figures.paused_s
    if faulty["finished"]:
        print(
            f"finish: {faulty['wall_s']:.1f} s against fault-free {clean['wall_s']:.1f} s"
            f" + pauses {figures.paused_s:.1f} s = {budget:.1f} s:"
            f" {faulty['wall_s'] / budget - 1:+.1%}"
        )
    else:
        print(
            f"finish: not within {args.deadline:g} s ({faulty['delivered']} of"
            f" {faulty['recipients']} delivered) against fault-free {clean['wall_s']:.1f} s"
            f" + pauses {figures.paused_s:.1f} s = {budget:.1f} s"
        )
    back = (
        "never, before the run ended"
        if figures.recovery_s is None
        else f"{figures.recovery_s:.1f} s"
    )
    print(f"recovery after the last 429 to >= 90% of {rate:g}/s: {back}")


def report(result: dict[str, Any], fault_429: float) -> None:
    limit = result["limit"]
    print(f"recipients: {result['recipients']}  (429 share: {fault_429:.0%})")
    print(f"delivered: {result['delivered']}  (recorded as sent: {result['recorded_sent']})")
    print(f"lost: {result['lost']}")
    print(f"duplicates: {result['duplicates']}")
    print(f"outbox written in: {result['outbox_write_s']:.3f} s")
    print(f"wall time (written -> last send): {result['wall_s']:.2f} s")
    if not limit:
        print(f"achieved rate: {result['achieved']:.1f} msg/s / no limit (outbox capacity)")
    else:
        ratio = result["achieved"] / limit
        print(f"achieved rate: {result['achieved']:.1f} msg/s / limit {limit:g} = {ratio:.1%}")
    if limit and result["paused_s"]:
        rate = result["delivered"] / (result["wall_s"] - result["paused_s"])
        print(
            f"paused by 429 retry_after: {result['paused_s']:.1f} s; rate while not paused:"
            f" {rate:.1f} msg/s = {rate / limit:.1%} of the limit"
        )
    hidden = result["hidden_limit"]
    if hidden is not None:
        ratio = result["achieved"] / hidden
        print(f"hidden limit: {hidden}/s; achieved / hidden limit = {ratio:.1%}")
    print(f"busiest sliding second at the fake: {result['busiest_second']} requests")
    print(f"answers of 429: {result['statuses'].get('429', 0)}")
    print(f"sendMessage statuses: {result['statuses']}")


if __name__ == "__main__":
    main()
