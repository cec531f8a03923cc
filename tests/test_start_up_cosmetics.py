"""Issue 20, item 3: a start-up call that only dresses the bot (its command menus, the menu
button) failing — 404, 429, 500 or a timeout — is logged once as a warning and retried in
the background; the bot serves meanwhile. Only getMe and the store may stop the start."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import pytest
from aiogram.exceptions import (
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.methods import SetMyCommands

from bot.app import App
from bot.config import Settings
from bot.telegram.cosmetic import CosmeticCalls
from tests.clock import ManualClock
from tests.conftest import running_app
from tests.fake_bot_api import FakeBotAPI
from tests.scheduler import ClockScheduler

PUBLIC_URL = "https://desk.example.org"
CALL_TIMEOUT = 0.3
FAULTS: dict[str, dict[str, Any]] = {
    "404": {"status": 404},
    "429": {"status": 429, "retry_after": 1},
    "500": {"status": 500},
    # Telegram takes the call but answers after the bot stopped waiting for it.
    "timeout": {"status": 200, "delay": 3 * CALL_TIMEOUT},
}
CALLS = {
    # the call, and whether the Mini App has a public address (which decides the menu button)
    "setMyCommands": False,
    "getChatMenuButton": False,
    "setChatMenuButton": True,
}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={"startup_retry_seconds": 0.05, "startup_call_timeout": CALL_TIMEOUT}
    )


async def until(condition: Callable[[], bool], within: float = 5.0) -> None:
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110 (the fake has no event for calls)
            await asyncio.sleep(0.02)


def retried(fake: FakeBotAPI, method: str) -> bool:
    """The bot called ``method`` again after the failed call, and that call was answered."""
    calls = fake.calls_to(method)
    return len(calls) >= 2 and calls[-1].status == 200


@pytest.mark.parametrize("fault", FAULTS, ids=str)
@pytest.mark.parametrize("method", CALLS, ids=str)
async def test_a_failing_cosmetic_call_is_retried_while_the_bot_serves(
    method: str,
    fault: str,
    fake: FakeBotAPI,
    settings: Settings,
    clock: ManualClock,
    scheduler: ClockScheduler,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if CALLS[method]:
        settings = settings.model_copy(update={"web_public_url": PUBLIC_URL, "web_port": 0})
    caplog.set_level(logging.INFO)
    fake.fail_next(method, **FAULTS[fault])
    async with running_app(settings, clock, scheduler):
        user = fake.user(4001, language_code="en")
        await user.send("/start")
        assert "/help" in (await user.receive())["text"]
        await until(lambda: retried(fake, method))
        await asyncio.sleep(0.1)  # whatever the retry does after the call
        if method == "setMyCommands":
            assert {language for _, language in fake.commands} >= {"", "ru", "en"}
        if method == "setChatMenuButton":
            assert fake.menu_buttons[None]["web_app"]["url"] == f"{PUBLIC_URL}/app/"
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len([r for r in warnings if "retried in the background" in r.getMessage()]) == 1, [
        r.getMessage() for r in warnings
    ]
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not failures, [r.getMessage() for r in failures]


async def test_a_bad_token_still_stops_the_bot(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    fake.fail_next("getMe", status=401, description="Unauthorized")
    async with await App.create(settings, clock, scheduler) as app:
        with pytest.raises(TelegramUnauthorizedError):
            await asyncio.wait_for(app.run_polling(handle_signals=False), timeout=10)


async def test_retries_still_failing_at_shutdown_are_cancelled_and_awaited(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    fake.fail_next("setMyCommands", status=500, count=1000)
    settings = settings.model_copy(update={"startup_retry_max_seconds": 0.05})
    async with running_app(settings, clock, scheduler) as app:
        await until(lambda: len(fake.calls_to("setMyCommands")) >= 3)
        assert app.cosmetic.pending == ["setMyCommands (command menus)"]
    assert app.cosmetic.pending == []
    calls = len(fake.calls_to("setMyCommands"))
    await asyncio.sleep(0.2)  # four pauses' worth: a retry left running would call again
    assert len(fake.calls_to("setMyCommands")) == calls


async def test_the_pause_doubles_up_to_its_bound_and_respects_retry_after() -> None:
    method = SetMyCommands(commands=[])
    outcomes: list[Exception | None] = [
        TelegramServerError(method, "Internal Server Error"),
        TelegramRetryAfter(method, "Too Many Requests", retry_after=7),
        *[TelegramServerError(method, "Bad Gateway")] * 4,
        None,
    ]
    pauses: list[float] = []

    async def record(seconds: float) -> None:
        pauses.append(seconds)

    async def call() -> None:
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    calls = CosmeticCalls(timeout=1, first_pause=1, max_pause=5, sleep=record)
    await calls.run("setMyCommands", call)
    await until(lambda: not calls.pending)
    assert pauses == [1, 7, 4, 5, 5, 5]
    assert outcomes == []
