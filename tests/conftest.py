"""Shared fixtures: a fake Telegram, a settable clock, and the real bot wired to both."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from bot.config import Settings
from bot.store.holder import Store
from tests import fake_bot_api
from tests.clock import ManualClock
from tests.scheduler import ClockScheduler

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
TOKEN = "123456789:AAEventDeskTestToken-0123456789abc"
ASHGABAT = ZoneInfo("Asia/Ashgabat")


def local(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in September 2025, Ashgabat wall-clock time."""
    return dt.datetime(2025, 9, day, hour, minute, tzinfo=ASHGABAT)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(local(5, 9, 0))


@pytest.fixture
async def fake() -> AsyncIterator[fake_bot_api.FakeBotAPI]:
    api = fake_bot_api.FakeBotAPI(token=TOKEN)
    await api.start()
    try:
        yield api
    finally:
        await api.close()
    assert not api.unexpected, f"the bot called methods the fake does not know: {api.unexpected}"


@pytest.fixture
def settings(tmp_path: Path, fake: fake_bot_api.FakeBotAPI) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=fake.url,
        database_path=tmp_path / "bot.sqlite3",
        data_dir=DATA_DIR,
        organiser_ids=(900001,),
        polling_timeout=5,
        delivery_chat_interval=0.1,  # Telegram's 1 s is tested in test_delivery.py
        # The clock stands still in tests, so every update lands in one instant: feature
        # tests must not trip flood control (tests/test_ops.py sets its own).
        flood_burst=1000,
        # The sample meeting is in 2025: a test on the system clock (a child process)
        # would otherwise find its retention date passed and erase its users at start.
        # tests/test_privacy_retention.py sets the default back.
        retention_days=3650,
    )


@pytest.fixture
def scheduler(clock: ManualClock) -> ClockScheduler:
    """Timed jobs fire only when a test moves the clock and calls ``run_due()``."""
    return ClockScheduler(clock)


@contextlib.asynccontextmanager
async def running_app(
    settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[App]:
    """Start the bot and stop it on exit; tests that restart the bot call it twice."""
    async with await App.create(settings, clock, scheduler) as running:
        started = asyncio.Event()

        async def mark_started() -> None:
            started.set()

        running.dispatcher.startup.register(mark_started)
        polling = asyncio.create_task(running.run_polling(handle_signals=False))
        await asyncio.wait_for(started.wait(), timeout=10)
        try:
            yield running
        finally:
            await running.dispatcher.stop_polling()
            await asyncio.wait_for(polling, timeout=10)


@pytest.fixture
async def app(
    settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[App]:
    """The bot as it runs in production: real Dispatcher, real long polling, real HTTP."""
    async with running_app(settings, clock, scheduler) as running:
        yield running


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "unit.sqlite3")
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def web(
    settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[tuple[App, str]]:
    """The bot with its web application on a free port: ``(app, base URL)``."""
    from tests.test_web_auth import web_app  # its settings live with the web's auth tests

    async with web_app(settings, clock, scheduler) as running:
        yield running
