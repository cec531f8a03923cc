"""A reminder taken back is never sent, even one the delivery worker already holds."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.config import Settings
from bot.delivery import Outgoing
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, TOKEN, local, running_app
from tests.fake_bot_api import FakeBotAPI
from tests.scheduler import ClockScheduler
from tests.test_reminders import subscribe, tick

CHAT_INTERVAL = 1.5


@pytest.fixture
def settings(tmp_path: Path, fake: FakeBotAPI) -> Settings:
    """A long gap between two messages to one chat: the reminder waits in the worker."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=fake.url,
        database_path=tmp_path / "bot.sqlite3",
        data_dir=DATA_DIR,
        polling_timeout=5,
        delivery_chat_interval=CHAT_INTERVAL,
        flood_burst=1000,
    )


async def test_dont_remind_me_drops_a_reminder_held_by_the_worker(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    async with running_app(settings, clock, scheduler) as app:
        user = fake.user(2101, language_code="en")
        detail = await subscribe(user, "Fri", "10:00", "🔔 Remind me")
        await app.delivery.enqueue([Outgoing(user.id, "Welcome!")], kind="broadcast", key="b")
        assert (await user.receive())["text"] == "Welcome!"  # the chat is busy for a while

        clock.set(local(5, 9, 45))
        await tick(app)  # the reminder is queued and loaded, waiting for the chat's turn
        await asyncio.sleep(0.1)
        query = await user.press(detail, "🔕 Don't remind me")
        await user.wait_answer(query)
        await user.receive()  # the session page, its button flipped back

        await user.expect_nothing(CHAT_INTERVAL + 0.5)
        assert not [m for m in fake.chat_messages(user.id) if m["text"].startswith("🔔")]
