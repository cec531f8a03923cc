"""The Mini App's sign-in: Telegram's initData checked on the server, and every refusal.

Also holds the helpers the other web tests share: initData signed with the test token,
and the bot running with its web application on a free port.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.app import App
from bot.config import Settings
from bot.users.values import Role
from bot.web.auth import INIT_DATA_HEADER, MAX_FORM_BYTES
from bot.web.init_data import InitDataError, sign, validate
from tests.clock import ManualClock
from tests.conftest import TOKEN, running_app
from tests.fake_bot_api import FakeBotAPI
from tests.scheduler import ClockScheduler

PUBLIC_URL = "https://bot.example.org"
DAY = dt.timedelta(days=1)


def init_data(
    user_id: int,
    at: dt.datetime,
    *,
    first_name: str = "Test",
    language: str | None = "en",
    token: str = TOKEN,
    **extra: str,
) -> str:
    """What Telegram hands the Mini App of ``user_id``, opened at ``at``."""
    user: dict[str, Any] = {"id": user_id, "first_name": first_name}
    if language is not None:
        user["language_code"] = language
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(user, ensure_ascii=False, separators=(",", ":")),
        "auth_date": str(int(at.timestamp())),
        **extra,
    }
    return sign(fields, token)


def signed(user_id: int, clock: ManualClock, **options: Any) -> dict[str, str]:
    return {INIT_DATA_HEADER: init_data(user_id, clock.now(), **options)}


def web_settings(settings: Settings, **changes: Any) -> Settings:
    changed = settings.model_copy(update={"web_port": 0, "web_public_url": PUBLIC_URL, **changes})
    return Settings.model_validate(changed.model_dump())


@contextlib.asynccontextmanager
async def web_app(
    settings: Settings, clock: ManualClock, scheduler: ClockScheduler, **changes: Any
) -> AsyncIterator[tuple[App, str]]:
    """The bot in polling mode with its web application on a free port."""
    async with running_app(web_settings(settings, **changes), clock, scheduler) as app:
        assert app.web_address is not None
        yield app, app.web_address


async def fetch(
    base: str, path: str, headers: dict[str, str] | None = None, **options: Any
) -> tuple[int, str, Any]:
    """``(status, body, headers)`` of one request."""
    method = options.pop("method", "GET")
    async with (
        aiohttp.ClientSession() as http,
        http.request(method, base + path, headers=headers, **options) as response,
    ):
        return response.status, await response.text(), response.headers


# ------------------------------------------------------------------ initData alone

NOW = dt.datetime(2025, 9, 5, 4, 0, tzinfo=dt.UTC)
MAX_AGE = dt.timedelta(hours=24)


def test_init_data_signed_with_the_token_names_the_user() -> None:
    user = validate(init_data(4001, NOW, first_name="Айна"), TOKEN, NOW, MAX_AGE)
    assert (user.id, user.first_name, user.language_code) == (4001, "Айна", "en")
    assert user.auth_date == NOW


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda data: data.replace("4001", "4002"), id="user-changed"),
        pytest.param(lambda data: data.rsplit("&hash=", 1)[0], id="no-hash"),
        pytest.param(lambda data: data[:-4] + "0000", id="hash-changed"),
        pytest.param(lambda data: data + "&is_admin=1", id="field-added"),
        pytest.param(lambda data: "", id="empty"),
        pytest.param(lambda data: "%%%", id="not-a-query"),
    ],
)
def test_forged_or_altered_init_data_is_refused(tamper: Any) -> None:
    with pytest.raises(InitDataError):
        validate(tamper(init_data(4001, NOW)), TOKEN, NOW, MAX_AGE)


def test_init_data_signed_with_another_token_is_refused() -> None:
    other = "987654321:AAOtherBotsTokenOtherBotsToken-xyz"
    with pytest.raises(InitDataError, match="bad signature"):
        validate(init_data(4001, NOW, token=other), TOKEN, NOW, MAX_AGE)


def test_old_or_future_init_data_is_refused() -> None:
    data = init_data(4001, NOW)
    assert validate(data, TOKEN, NOW + MAX_AGE, MAX_AGE).id == 4001
    with pytest.raises(InitDataError, match="expired"):
        validate(data, TOKEN, NOW + MAX_AGE + dt.timedelta(seconds=1), MAX_AGE)
    with pytest.raises(InitDataError, match="future"):
        validate(data, TOKEN, NOW - dt.timedelta(minutes=5), MAX_AGE)


def test_repeated_fields_and_oversized_init_data_are_refused() -> None:
    data = init_data(4001, NOW)
    with pytest.raises(InitDataError, match="repeated"):
        validate(data + "&auth_date=1", TOKEN, NOW, MAX_AGE)
    padded = init_data(4001, NOW, padding="x" * 5000)
    with pytest.raises(InitDataError, match="too long"):
        validate(padded, TOKEN, NOW, MAX_AGE)


@pytest.mark.parametrize(
    "user",
    [
        "",
        "[1]",
        '{"id":true,"first_name":"A"}',
        '{"id":4503599627370496,"first_name":"A"}',
        '{"id":-5,"first_name":"A"}',
        '{"id":5}',
    ],
)
def test_a_signed_but_malformed_user_is_refused(user: str) -> None:
    fields = {"user": user, "auth_date": str(int(NOW.timestamp()))}
    with pytest.raises(InitDataError):
        validate(sign(fields, TOKEN), TOKEN, NOW, MAX_AGE)


# ------------------------------------------------------------------ over HTTP


async def test_pages_without_valid_init_data_get_401_in_both_languages(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    expired = clock.now() - DAY - dt.timedelta(minutes=1)
    refusals = [
        {},
        {INIT_DATA_HEADER: "user=%7B%22id%22%3A4001%7D&hash=00"},
        {INIT_DATA_HEADER: init_data(4001, clock.now(), token="1:" + "A" * 35)},
        {INIT_DATA_HEADER: init_data(4001, expired)},
    ]
    for headers in refusals:
        status, body, response = await fetch(base, "/app/programme", headers)
        assert status == 401, headers
        assert "Откройте" in body or "закройте" in body
        assert "Open this page" in body or "close it" in body
        assert response["Cache-Control"] == "no-store"
    status, body, _ = await fetch(base, "/app/session/1/follow", {}, method="POST")
    assert status == 401
    assert await app.store.users.count() == 0, "nobody was recorded"


async def test_a_journalist_is_refused_the_organisers_desk_an_organiser_sees_it(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    journalist, organiser = 4101, 900001
    status, _, _ = await fetch(base, "/app/programme", signed(journalist, clock))
    assert status == 200
    await app.dispatcher["access"].grant(journalist, Role.PRESS)
    status, body, _ = await fetch(base, "/app/organiser", signed(journalist, clock))
    assert status == 403
    assert "organisers only" in body
    status, body, _ = await fetch(base, "/app/organiser", signed(journalist, clock, language="ru"))
    assert status == 403
    assert "только для организаторов" in body
    status, body, _ = await fetch(base, "/app/organiser", signed(organiser, clock))
    assert status == 200
    assert 'data-count="requests">0<' in body
    assert 'data-count="applications">0<' in body


async def test_unknown_and_oversized_ids_are_404_and_change_nothing(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    headers = signed(4201, clock)
    for path in (
        "/app/session/999999",
        "/app/session/99999999999999999999999",
        "/app/session/-1",
        "/app/day/20250999",
        "/app/day/20300101",
        "/app/delegation/999999",
        "/app/release/999999",
        "/app/summary/20300101",
        "/app/nowhere",
    ):
        status, body, _ = await fetch(base, path, headers)
        assert status == 404, path
        assert "Not found" in body, path
    for path in ("/app/session/999999/follow", "/app/session/99999999999999999999999/follow"):
        status, _, _ = await fetch(base, path, headers, method="POST", data=b"")
        assert status == 404, path
    assert not await app.store.reminders.session_ids(4201)


async def test_oversized_or_unbounded_bodies_are_refused_before_anything_changes(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    headers = signed(4301, clock)
    [first, *_] = await app.dispatcher["agenda"].programme()
    path = f"/app/session/{first.id}/follow"
    status, body, _ = await fetch(
        base, path, headers, method="POST", data=b"x" * (MAX_FORM_BYTES + 1)
    )
    assert status == 413
    assert "nothing was changed" in body

    async def unbounded() -> AsyncIterator[bytes]:
        yield b"x" * 10

    status, _, _ = await fetch(base, path, headers, method="POST", data=unbounded())
    assert status == 411
    assert not await app.dispatcher["reminders"].is_subscribed(4301, first.id)
    status, _, _ = await fetch(base, path, headers, method="POST", data=b"")
    assert status == 200
    assert await app.dispatcher["reminders"].is_subscribed(4301, first.id)


async def test_the_shell_and_static_files_are_public_and_cached(web: tuple[App, str]) -> None:
    _, base = web
    status, body, headers = await fetch(base, "/app/")
    assert status == 200
    assert "https://telegram.org/js/telegram-web-app.js" in headers["Content-Security-Policy"]
    assert "Откройте эту страницу" in body
    assert "Open this page" in body
    [css] = [part.split('"')[0] for part in body.split('href="')[1:] if "app.css" in part]
    status, _, headers = await fetch(base, "/app/" + css)
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    status, _, _ = await fetch(base, "/app/" + css, {"If-None-Match": headers["ETag"]})
    assert status == 304
    status, _, _ = await fetch(base, "/app/static/missing.js")
    assert status == 404


async def test_polling_mode_serves_healthz_beside_the_mini_app(web: tuple[App, str]) -> None:
    _, base = web
    status, body, _ = await fetch(base, "/healthz")
    assert status == 200
    assert json.loads(body)["status"] == "ok"


async def test_polling_without_web_settings_opens_no_port(app: App) -> None:
    assert app.web_address is None


async def test_webhook_mode_serves_the_mini_app_beside_the_webhook_on_one_port(
    settings: Settings, clock: ManualClock, fake: FakeBotAPI
) -> None:
    webhook = web_settings(
        settings,
        update_mode="webhook",
        webhook_public_url=PUBLIC_URL,
        webhook_secret="s3cret-token_for-tests",
        webhook_port=0,
        web_port=None,  # unset: the webhook's address is the web application's
    )
    app = await App.create(webhook, clock)
    async with app, app.serving_webhook() as address:
        assert app.web_address == address
        status, body, _ = await fetch(address, "/app/programme", signed(4401, clock))
        assert status == 200
        assert 'data-page="programme"' in body
        assert (await fetch(address, "/healthz"))[0] == 200
        assert (await fetch(address, "/cal/programme.ics"))[0] == 200
        webhook_call = await fetch(address, "/telegram/webhook", method="POST", json={})
        assert webhook_call[0] == 401, "the webhook still wants its secret"
    assert fake.menu_buttons[None]["web_app"] == {"url": f"{PUBLIC_URL}/app/"}
