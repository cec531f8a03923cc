"""A kill -9 in the middle of a broadcast loses nothing; only messages in flight repeat.

The bot runs in a child process against the in-test fake Bot API; the test composes a
broadcast to a few hundred journalists through the chat, kills the child with SIGKILL once
about a third has gone, starts the bot again on the same store and waits for the report.

The child is forked from the test process rather than started as ``python -m bot run``:
importing aiogram's types costs several seconds of CPU per fresh interpreter, which would
make this the slowest test of the suite. After the fork it runs the same ``App`` as
``run`` does, in a thread of its own (the fork copied the parent's running event loop).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import aiosqlite
import pytest

from bot.app import App
from bot.config import Settings
from bot.store.holder import Store
from bot.users.values import Role
from tests.clock import ManualClock
from tests.conftest import local, running_app
from tests.fake_bot_api import FakeBotAPI
from tests.scheduler import ClockScheduler

ORGANISER = 900001
RECIPIENTS = range(10_000, 10_300)
KILL_AFTER = 100


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "polling_timeout": 1,
            "delivery_rate": 300.0,  # paid broadcast: keeps the test short
            "delivery_paid_broadcast": True,
            "broadcast_progress_seconds": 0.1,
        }
    )


def run_bot(settings: Settings) -> None:
    """The child process: the bot as ``python -m bot run`` runs it, until it is killed."""

    async def serve() -> None:
        async with await App.create(settings) as app:
            await app.run_polling(handle_signals=False)

    thread = threading.Thread(target=asyncio.run, args=(serve(),))
    thread.start()
    thread.join()


def start_child(settings: Settings) -> multiprocessing.process.BaseProcess:
    with warnings.catch_warnings():  # Python 3.12+ warns about forking with threads
        warnings.simplefilter("ignore", DeprecationWarning)
        child = multiprocessing.get_context("fork").Process(target=run_bot, args=(settings,))
        child.start()
    return child


async def wait_for(condition: Callable[[], bool], what: str, within: float = 15) -> None:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


async def outbox_states(database: Path) -> dict[int, str]:
    async with (
        aiosqlite.connect(database) as conn,
        conn.execute("SELECT chat_id, state FROM outbox WHERE kind = 'broadcast'") as cursor,
    ):
        return {chat_id: state async for chat_id, state in cursor}


@pytest.mark.slow
async def test_kill_9_mid_broadcast_then_restart_delivers_to_everyone(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    store = await Store.open(settings.database_path)
    for user_id in RECIPIENTS:
        fake.user(user_id)
        await store.users.touch(user_id, "J", None, "ru", local(5, 8))
        await store.users.set_role(user_id, Role.PRESS, None)
    await store.close()
    organiser = fake.user(ORGANISER, language_code="en")

    def delivered() -> Counter[int]:
        return Counter(e.chat_id for e in fake.sent_log if e.chat_id in RECIPIENTS)

    child = start_child(settings)
    try:
        await organiser.send("/broadcast")
        await organiser.receive(timeout=15)
        await organiser.send("The plenary starts at 10:30")
        await organiser.press(await organiser.receive(), "Press")
        await organiser.receive()
        await organiser.receive()
        await organiser.press(await organiser.receive(), "✅ Send")
        await wait_for(lambda: sum(delivered().values()) >= KILL_AFTER, "the first sends")
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(5)
        assert child.exitcode == -signal.SIGKILL
    finally:
        child.kill()
    await asyncio.sleep(0.2)  # requests the dead process had open settle in the fake

    at_kill = delivered()
    states = await outbox_states(settings.database_path)
    assert len(states) == len(RECIPIENTS), "every recipient was written before the first send"
    assert 0 < len(at_kill) < len(RECIPIENTS), "the kill came in the middle"
    in_flight = {chat for chat in at_kill if states[chat] == "queued"}
    assert not [chat for chat, state in states.items() if state == "sent" and chat not in at_kill]

    async with running_app(settings, clock, scheduler):
        await wait_for(lambda: len(delivered()) == len(RECIPIENTS), "delivery to everyone")
        await wait_for(
            lambda: "Finished." in (organiser.messages[-1].get("text") or ""), "the report"
        )
    assert f"Delivered: {len(RECIPIENTS)}" in organiser.messages[-1]["text"]

    final = delivered()
    duplicates = {chat for chat, count in final.items() if count > 1}
    assert all(count <= 2 for count in final.values())
    assert duplicates <= in_flight, "only messages in flight at the kill may repeat"
    assert len(in_flight) <= 60, f"{len(in_flight)} in flight: more than a moment's sends"
    print(f"killed after {sum(at_kill.values())} sends; {len(duplicates)} duplicates")
