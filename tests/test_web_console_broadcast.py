"""The console's broadcast composer: audience and count, Telegram's HTML checked, preview,
one transaction to send (a repeated «Send» sends nothing), progress and report; bad input."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest

from bot.app import App
from bot.config import Settings
from bot.users.values import Role
from bot.web.auth import MAX_ANNOUNCEMENT_BYTES
from tests.clock import ManualClock
from tests.fake_bot_api import FakeBotAPI
from tests.scheduler import ClockScheduler
from tests.test_web_auth import fetch, signed, web_app

ORGANISER = 900001
BASE = "/app/organiser/broadcast"


@pytest.fixture
async def web(
    settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[tuple[App, str]]:
    async with web_app(settings, clock, scheduler) as running:
        yield running


async def journalists(app: App, fake: FakeBotAPI, *ids: int) -> None:
    for user_id in ids:
        user = fake.user(user_id, language_code="en")
        await user.send("/start")
        await user.receive()
        await app.dispatcher["access"].grant(user_id, Role.PRESS)


async def broadcasts(app: App) -> int:
    [(count,)] = await app.store.db.execute_fetchall("SELECT count(*) FROM broadcasts")
    return int(count)


async def test_compose_preview_send_and_the_journalists_get_it(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    await journalists(app, fake, 7101, 7102)
    headers = signed(ORGANISER, clock)
    status, body, _ = await fetch(base, BASE, headers)
    assert status == 200
    assert 'value="press"' in body
    assert "Followers of a session" in body
    form = {"kind": "press", "text": "<b>Press point</b> at 15:00 &amp; <i>hall B</i>"}
    status, body, _ = await fetch(base, BASE + "/preview", headers, method="POST", data=form)
    assert status == 200
    assert "Recipients now: 2" in body
    assert "<b>Press point</b> at 15:00 &amp; <i>hall B</i>" in body
    token = re.search(r'name="token" value="([0-9a-f]{32})"', body)
    assert token is not None
    sent = {**form, "token": token[1]}
    status, body, _ = await fetch(base, BASE + "/send", headers, method="POST", data=sent)
    assert status == 200
    assert 'data-page="console-progress"' in body
    for user_id in (7101, 7102):
        message = await fake.user(user_id).receive()
        assert message["text"] == "Press point at 15:00 & hall B"
    [(broadcast_id,)] = await app.store.db.execute_fetchall("SELECT id FROM broadcasts")
    status, body, _ = await fetch(base, f"{BASE}/{broadcast_id}/progress", headers)
    assert status == 200
    assert 'data-figure="delivered"' in body
    assert body.lstrip().startswith('<div class="card progress"')

    status, body, _ = await fetch(base, BASE + "/send", headers, method="POST", data=sent)
    assert status == 409
    assert "This broadcast has been sent already." in body
    assert await broadcasts(app) == 1


async def test_the_composer_in_russian_counts_a_delegation(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    [delegation, *_] = (await app.dispatcher["delegations"].participants()).ordered()
    headers = signed(ORGANISER, clock, language="ru")
    form = {"kind": "one", "delegation": str(delegation.id), "text": "Сбор в 9:00"}
    status, body, _ = await fetch(base, BASE + "/preview", headers, method="POST", data=form)
    assert status == 200
    assert "Получателей сейчас: 0" in body
    assert delegation.name.get("ru") in body


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<script>alert(1)</script>", "Telegram does not accept &lt;script&gt;"),
        ("<b>bold", "never closed"),
        ("<b><i>x</b></i>", "not the last one opened"),
        ("1 < 2", "A lone «&lt;»"),
        ('<a href="javascript:alert(1)">x</a>', "https://, http:// or tg://"),
        ("&nbsp;", "Telegram does not know &amp;nbsp;"),
        ("<b onclick='x'>y</b>", "Telegram does not accept"),
        ("/start", "cannot start with «/»"),
        ("   ", "it is empty"),
        ("x" * 3501, "3501 characters long; the limit is 3500"),
    ],
)
async def test_html_telegram_would_refuse_is_refused_and_nothing_is_sent(
    web: tuple[App, str], clock: ManualClock, text: str, problem: str
) -> None:
    app, base = web
    headers = signed(ORGANISER, clock)
    for step in ("/preview", "/send"):
        data = {"kind": "all", "text": text, "token": "a" * 32}
        status, body, _ = await fetch(base, BASE + step, headers, method="POST", data=data)
        assert status == 400, step
        assert problem in body, step
    assert await broadcasts(app) == 0


async def test_bad_audiences_tokens_roles_and_sizes_are_4xx(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    headers = signed(ORGANISER, clock)
    cases = [
        ({"kind": "nobody", "text": "Hello"}, "/preview", 400),
        ({"kind": "one", "delegation": "999999", "text": "Hello"}, "/preview", 404),
        ({"kind": "ses", "session": "9" * 25, "text": "Hello"}, "/preview", 404),
        ({"kind": "all", "text": "Hello", "token": "not-a-token"}, "/send", 400),
    ]
    for data, step, expected in cases:
        status, _, _ = await fetch(base, BASE + step, headers, method="POST", data=data)
        assert status == expected, data
    status, _, _ = await fetch(base, f"{BASE}/999999", headers)
    assert status == 404
    oversized = {"kind": "all", "text": "я" * MAX_ANNOUNCEMENT_BYTES}
    status, _, _ = await fetch(base, BASE + "/send", headers, method="POST", data=oversized)
    assert status == 413
    await journalists(app, fake, 7201)
    data = {"kind": "all", "text": "Hello", "token": "b" * 32}
    for path, method in ((BASE, "GET"), (BASE + "/send", "POST"), (f"{BASE}/1/progress", "GET")):
        status, body, _ = await fetch(base, path, signed(7201, clock), method=method, data=data)
        assert status == 403, path
        assert "organisers only" in body
    assert await broadcasts(app) == 0
