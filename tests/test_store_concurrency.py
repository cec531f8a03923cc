"""The store under a real mix of traffic: nothing fails for the store's sake, nothing is lost.

The short version of ``bench/store_mix.py`` (see tests/traffic_mix.py for the mix). Before
the one-connection store it failed every run: users left unreachable after unblocking,
and in some runs hundreds of «database is locked» errors and a broadcast that never ended.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, TOKEN
from tests.fake_bot_api import FakeBotAPI
from tests.scheduler import ClockScheduler
from tests.traffic_mix import Mix, run_mix


@pytest.fixture
def settings(tmp_path: Path, fake: FakeBotAPI) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=fake.url,
        database_path=tmp_path / "bot.sqlite3",
        data_dir=DATA_DIR,
        polling_timeout=5,
        delivery_rate=400,
        delivery_paid_broadcast=True,
        delivery_chat_interval=0.05,
        flood_burst=1000,
        max_concurrent_updates=64,
    )


async def test_broadcast_users_storms_and_a_load_lose_nothing(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    mix = Mix(recipients=200, active=60, stormy=30, newcomers=60)
    report = await run_mix(fake, settings, clock, scheduler, mix)
    assert report.failures == 0, report
    assert report.broadcast is not None
    assert report.broadcast.sent == mix.recipients
