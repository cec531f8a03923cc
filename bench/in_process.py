"""CPU per update in process: this bot against the same-reply bot, with no HTTP at all.

``python -m bench.in_process`` builds this bot (``App.create``, the bench's store of 10,000
users) and the same-reply bot in one process, each with a stub in place of aiogram's HTTP
session: every Bot API call is answered at once as Telegram would. What is left is the
bots' own work, without the HTTP parsing both pay alike, so a change to this bot shows
here many times more clearly than in ``bench.throughput``. Like it, this bot first answers
the six updates of one user one at a time, and the calls it makes are the same-reply bot's
book; then each bot gets ``--rounds`` bursts of ``--users`` new users (their /start,
/agenda, /delegations, /summary, then a day and a session pressed), 50 updates at a time
as polling hands them over, in turns. Prints CPU milliseconds per update (messages,
presses, all) of both per round and the median of the rounds' ratios. ``--profile
FILE.prof`` saves a cProfile of this bot's bursts.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import itertools
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

from bench.baseline_bot import (
    CONCURRENT_UPDATES,
    Replayer,
    ReplyBook,
    book_key,
    request_of,
    same_reply_dispatcher,
)
from bench.bot_process import TOKEN, ShiftedClock
from bench.throughput import COMMANDS, PRESSES
from bench.traffic import message, press
from bench.world import DATA_DIR, prepare_store

USERS = 200
ROUNDS = 3
LANGUAGE = "ru"
MEETING_MORNING = dt.datetime(2025, 9, 5, 4, 40, tzinfo=dt.UTC)
"""The bots' clock: the first day, before its first session."""

Feed = Callable[[dict[str, Any]], Awaitable[None]]
Figures = dict[str, float]


def stub_session() -> Any:
    """aiogram's session with every call answered at once, each call recorded."""
    from aiogram import methods
    from aiogram.client.session.base import BaseSession
    from aiogram.types import Message

    message_ids = itertools.count(1)

    class StubSession(BaseSession):
        def __init__(self) -> None:
            super().__init__()
            self.calls: list[dict[str, Any]] = []
            """Each call as the fake Bot API records one (``baseline_bot.request_of``)."""

        async def close(self) -> None:
            return None

        async def stream_content(self, *args: Any, **kwargs: Any) -> AsyncIterator[bytes]:
            yield b""

        async def make_request(
            self,
            bot: Any,
            method: Any,
            timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
        ) -> Any:
            params = method.model_dump(exclude_none=True)
            self.calls.append({"method": method.__api_method__, "params": params, "files": {}})
            if isinstance(method, methods.GetMe):
                return method.__returning__.model_validate(
                    {"id": 123456789, "is_bot": True, "first_name": "Bench", "username": "b"}
                )
            if isinstance(method, methods.SendMessage | methods.EditMessageText):
                chat = {"id": params.get("chat_id", 0), "type": "private"}
                sent = {"message_id": next(message_ids), "date": 0, "chat": chat, "text": ""}
                return Message.model_validate(sent, context={"bot": bot})
            return True

    return StubSession()


def shown(user: int) -> dict[str, Any]:
    """The message a user presses a button under."""
    return {"message_id": 5, "date": 0, "chat": {"id": user, "type": "private"}, "text": "…"}


def updates_of(user: int) -> list[tuple[str, dict[str, Any]]]:
    """The six updates of one user, each with its kind (a command or a button's data)."""
    kinds = [(text, message(user, text, LANGUAGE)) for text in COMMANDS]
    kinds += [
        (data, press(user, shown(user), data, f"{user}-{data}", LANGUAGE)) for data in PRESSES
    ]
    return kinds


_update_ids = itertools.count(1)


def feeder(dispatcher: Any, bot: Any) -> Feed:
    from aiogram.types import Update

    async def feed(update: dict[str, Any]) -> None:
        raw = {"update_id": next(_update_ids), **update}
        await dispatcher.feed_update(bot, Update.model_validate(raw, context={"bot": bot}))

    return feed


async def burst(
    feed: Feed, session: Any, first_user: int, users: int, profile: cProfile.Profile | None
) -> Figures:
    """Every user's four commands, then their two presses, ``CONCURRENT_UPDATES`` at once;
    the Bot API calls per update show both bots answered all of them alike."""
    gate = asyncio.Semaphore(CONCURRENT_UPDATES)

    async def one(update: dict[str, Any]) -> None:
        async with gate:
            await feed(update)

    every = [updates_of(user) for user in range(first_user, first_user + users)]
    messages = [kinds[i][1] for i in range(len(COMMANDS)) for kinds in every]
    presses = [update for kinds in every for _, update in kinds[len(COMMANDS) :]]
    calls = len(session.calls)
    if profile is not None:
        profile.enable()
    started = time.process_time()
    await asyncio.gather(*(one(update) for update in messages))
    middle = time.process_time()
    await asyncio.gather(*(one(update) for update in presses))
    ended = time.process_time()
    if profile is not None:
        profile.disable()
    return {
        "cpu_ms_per_message": (middle - started) / len(messages) * 1000,
        "cpu_ms_per_press": (ended - middle) / len(presses) * 1000,
        "cpu_ms_per_update": (ended - started) / (len(messages) + len(presses)) * 1000,
        "calls_per_update": (len(session.calls) - calls) / (len(messages) + len(presses)),
    }


async def capture(feed: Feed, session: Any, user: int) -> ReplyBook:
    """This bot's calls for each of one user's updates, fed one at a time: the book."""
    book = ReplyBook()
    for kind, update in updates_of(user):
        before = len(session.calls)
        await feed(update)
        book.replies[book_key(LANGUAGE, kind)] = [request_of(c) for c in session.calls[before:]]
    return book


async def run(users: int, rounds: int, profile: Path | None) -> list[dict[str, Figures]]:
    from aiogram import Bot
    from aiogram.client.default import DefaultBotProperties

    from bot.app import App, freeze_start_up_objects
    from bot.config import Settings

    profiler = cProfile.Profile() if profile else None
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        await prepare_store(database)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            bot_token=TOKEN,
            telegram_api_url="http://127.0.0.1:9",  # never reached: the stub answers
            database_path=database,
            data_dir=DATA_DIR,
            log_level="WARNING",
        )
        clock = ShiftedClock(MEETING_MORNING - dt.datetime.now(dt.UTC))
        async with await App.create(settings, clock) as app:
            ours_session = stub_session()
            app.bot.session = ours_session
            freeze_start_up_objects()
            ours = feeder(app.dispatcher, app.bot)
            book = await capture(ours, ours_session, 99_000)
            baseline_bot = Bot(TOKEN, default=DefaultBotProperties(parse_mode="HTML"))
            baseline_bot.session = stub_session()
            same = feeder(same_reply_dispatcher(Replayer(book)), baseline_bot)
            await capture(same, baseline_bot.session, 99_001)  # its warm-up
            results = []
            for round_ in range(rounds):
                first = 100_000 + round_ * users
                turns = {
                    "bot": (ours, ours_session, first),
                    "same": (same, baseline_bot.session, 300_000 + round_ * users),
                }
                order = ("same", "bot") if round_ % 2 else ("bot", "same")
                figures = {}
                for kind in order:
                    feed, session, user = turns[kind]
                    figures[kind] = await burst(
                        feed, session, user, users, profiler if kind == "bot" else None
                    )
                results.append(figures)
    if profiler is not None and profile is not None:
        profiler.dump_stats(profile)
    return results


def report(results: list[dict[str, Figures]]) -> None:
    print(f"{'round':6}{'':22}{'same-reply':>12}{'this bot':>10}{'ratio':>8}")
    ratios = []
    for number, figures in enumerate(results, 1):
        for label, key in (
            ("CPU ms per message", "cpu_ms_per_message"),
            ("CPU ms per press", "cpu_ms_per_press"),
            ("CPU ms per update", "cpu_ms_per_update"),
            ("Bot API calls per update", "calls_per_update"),
        ):
            same, ours = figures["same"][key], figures["bot"][key]
            print(f"{number:<6}{label:22}{same:12.3f}{ours:10.3f}{ours / same:8.2f}")
        ratios.append(figures["bot"]["cpu_ms_per_update"] / figures["same"]["cpu_ms_per_update"])
    each = ", ".join(f"{r:.2f}" for r in ratios)
    print(
        f"in process, CPU per update, this bot / same-reply bot: {statistics.median(ratios):.2f}"
        f" (the median of {each})"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.in_process", description=__doc__)
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--profile", type=Path, help="save a cProfile of this bot's bursts")
    args = parser.parse_args(argv)
    report(asyncio.run(run(args.users, max(1, args.rounds), args.profile)))


if __name__ == "__main__":
    main()
