"""Webhook mode end to end: updates posted like Telegram would, with and without the secret."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.app import App
from bot.config import Settings
from tests.clock import ManualClock
from tests.fake_bot_api import FakeBotAPI, FakeUser

SECRET = "s3cret-token_for-tests"


@pytest.fixture
async def webhook(settings: Settings, clock: ManualClock) -> AsyncIterator[tuple[App, str]]:
    webhook_settings = settings.model_copy(
        update={
            "update_mode": "webhook",
            "webhook_port": 0,
            "webhook_public_url": "https://bot.example.org",
            "webhook_secret": SECRET,
        }
    )
    webhook_settings = Settings.model_validate(webhook_settings.model_dump())
    app = await App.create(webhook_settings, clock)
    async with app, app.serving_webhook() as address:
        yield app, address


def message_update(fake: FakeBotAPI, user: FakeUser, text: str) -> dict[str, Any]:
    """What Telegram would post: like ``user.send`` but not queued for getUpdates."""
    state = fake._chats[user.id]
    message: dict[str, Any] = {
        "message_id": state.take_id(),
        "from": user.user,
        "chat": user.chat,
        "date": int(time.time()),
        "text": text,
    }
    if text.startswith("/"):
        length = len(text.split()[0])
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    fake._next_update_id += 1
    return {"update_id": fake._next_update_id, "message": message}


async def test_webhook_is_registered_with_its_secret(
    fake: FakeBotAPI, webhook: tuple[App, str]
) -> None:
    [call] = fake.calls_to("setWebhook")
    assert call.params["url"] == "https://bot.example.org/telegram/webhook"
    assert call.params["secret_token"] == SECRET
    assert "message" in call.params["allowed_updates"]
    assert call.params["max_connections"] == 50  # MAX_CONCURRENT_UPDATES


async def test_updates_with_the_secret_are_answered_others_get_401(
    fake: FakeBotAPI, webhook: tuple[App, str]
) -> None:
    app, base = webhook
    user = fake.user(3001, first_name="Web", language_code="en")
    url = base + "/telegram/webhook"
    async with aiohttp.ClientSession() as http:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            update = message_update(fake, user, "/start")
            async with http.post(url, json=update, headers=headers) as response:
                assert response.status == 401
        await user.expect_nothing(0.2)
        assert await app.store.users.count() == 0, "a rejected update is not processed"

        update = message_update(fake, user, "/start")
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with http.post(url, json=update, headers=headers) as response:
            assert response.status == 200
        reply = await user.receive()
        assert reply["text"].startswith("Hello, Web!")


async def test_healthz_reports_store_scheduler_and_delivery(
    fake: FakeBotAPI, webhook: tuple[App, str]
) -> None:
    app, base = webhook
    async with aiohttp.ClientSession() as http, http.get(base + "/healthz") as response:
        assert response.status == 200
        body = await response.json()
    assert body["status"] == "ok"
    assert body["checks"]["store"]["ok"] is True
    assert body["checks"]["store"]["schema_version"] >= 2
    assert body["checks"]["scheduler"]["ok"] is True
    assert body["checks"]["delivery"]["ok"] is True

    async def broken() -> dict[str, Any]:
        raise RuntimeError("export stopped")

    app.health.add("exports", broken)
    async with aiohttp.ClientSession() as http, http.get(base + "/healthz") as response:
        assert response.status == 503
        body = await response.json()
    assert body["status"] == "failing"
    assert body["checks"]["exports"] == {"ok": False, "error": "RuntimeError: export stopped"}
