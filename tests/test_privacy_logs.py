"""Minimisation in the logs: after a full scenario at INFO (chat, Mini App, press,
questions, feedback, a copy and an erasure), no record carries the person's name,
username, contact or anything they wrote: ids of updates and records only."""

from __future__ import annotations

import logging

import pytest

from bot.app import App
from bot.config import Settings
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.hall_kit import say, tap
from tests.privacy_kit import HERS, ZED, rate_with_comment, use_every_feature
from tests.scheduler import ClockScheduler
from tests.test_web_auth import fetch, signed


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


async def test_no_name_or_text_of_theirs_is_logged_at_info(
    fake: FakeBotAPI,
    web: tuple[App, str],
    clock: ManualClock,
    scheduler: ClockScheduler,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    app, base = web
    zed = await use_every_feature(fake, app, clock)
    for page in ("/app/programme", "/app/agenda", "/app/press", "/app/privacy"):
        status, _, _ = await fetch(base, page, signed(ZED, clock))
        assert status == 200, page
    clock.set(local(5, 10, 30))
    await scheduler.run_due()
    await rate_with_comment(zed)
    await say(zed, "/mydata")
    await zed.receive()
    await tap(zed, await say(zed, "/forget"), "🗑 Yes, erase everything")

    logged = [record.getMessage() for record in caplog.records]
    assert len(logged) > 10, "the scenario was logged at all"
    leaks = [(word, line) for line in logged for word in HERS if word in line]
    assert leaks == []
