"""SIGTERM stops the real process cleanly: in-flight answers go out, the store closes, exit 0."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

from bot.app import App
from bot.config import Settings
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, ROOT, TOKEN
from tests.fake_bot_api import FakeBotAPI
from tests.test_ops_webhook import SECRET, message_update

pytestmark = pytest.mark.slow


async def start_bot(
    fake: FakeBotAPI, database: Path, *args: str, **env: str
) -> asyncio.subprocess.Process:
    environment = {
        **os.environ,
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": fake.url,
        "DATABASE_PATH": str(database),
        "DATA_DIR": str(DATA_DIR),
        "POLLING_TIMEOUT": "5",
        **env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        *args,
        cwd=ROOT,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop_bot(process: asyncio.subprocess.Process) -> str:
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=15)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log, log
    assert " ERROR " not in log, log
    assert "Warning" not in log, log
    return log


async def until(condition: Callable[[], object], timeout: float = 10) -> None:  # noqa: ASYNC109
    """Poll a condition on the fake (its calls have no event to wait on)."""
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not met in time")


async def test_polling_sigterm_finishes_in_flight_and_restart_continues(
    fake: FakeBotAPI, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    user = fake.user(4001, first_name="Term", language_code="en")
    # One update at a time, so the second of a batch waits while the first is handled.
    bot = await start_bot(fake, database, MAX_CONCURRENT_UPDATES="1")
    try:
        await user.send("/help")
        assert (await user.receive(timeout=30))["text"].startswith("What I can do")
        # The next answer hangs in the Bot API for a moment; SIGTERM arrives meanwhile.
        fake.fail_next("sendMessage", status=200, delay=0.7)
        await user.send("/start")
        await user.send("/summary")  # same batch, not started when SIGTERM comes
        await until(lambda: len(fake.calls_to("sendMessage")) >= 2)
    finally:
        log = await stop_bot(bot)
    assert (await user.receive())["text"].startswith("Hello, Term!"), "in-flight answer was lost"
    await user.expect_nothing(0.1)
    assert "all updates in flight were handled" in log

    # The restart runs in-process (starting a second interpreter costs seconds of imports).
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=fake.url,
        database_path=database,
        data_dir=DATA_DIR,
        polling_timeout=5,
    )
    async with await App.create(settings) as app:
        polling = asyncio.create_task(app.run_polling(handle_signals=False))
        try:
            reply = await user.receive(timeout=10)
            assert reply["text"].startswith("Daily summaries"), "the waiting update is kept"
            await user.expect_nothing(0.3)  # and the handled ones are not answered again
            assert await app.store.users.count() == 1, "the store kept what the first run saved"
        finally:
            await app.dispatcher.stop_polling()
            await asyncio.wait_for(polling, timeout=10)


async def test_webhook_mode_stops_on_sigterm_after_in_flight_updates(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock
) -> None:
    webhook_settings = Settings.model_validate(
        {
            **settings.model_dump(),
            "webhook_port": 0,
            "webhook_public_url": "https://bot.example.org",
            "webhook_secret": SECRET,
        }
    )
    user = fake.user(4002, first_name="Hook", language_code="en")
    async with await App.create(webhook_settings, clock) as app:
        serving = asyncio.create_task(app.run_webhook())
        await until(lambda: fake.calls_to("setWebhook"))
        site = app.webhook_address
        fake.fail_next("sendMessage", status=200, delay=0.5)
        async with aiohttp.ClientSession() as http:
            post = asyncio.create_task(
                http.post(
                    f"{site}/telegram/webhook",
                    json=message_update(fake, user, "/start"),
                    headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                )
            )
            await until(lambda: fake.calls_to("sendMessage"))
            os.kill(os.getpid(), signal.SIGTERM)  # run_webhook's handler catches it
            await asyncio.wait_for(serving, timeout=10)
            response = await post
            assert response.status == 200
            response.release()
        assert fake.calls_to("sendMessage")[0].status == 200
        assert (await user.receive())["text"].startswith("Hello, Hook!")
