"""The console's broadcast composer: audience and count, Telegram's HTML checked, preview,
one transaction to send (a repeated «Send» sends nothing), progress and report, «Edit»
back to what was typed, cancelling while it sends; bad input."""

from __future__ import annotations

import asyncio
import html
import re
import time
from collections.abc import AsyncIterator, Iterable

import pytest

from bot.app import App
from bot.config import Settings
from bot.users.values import Role
from bot.web.auth import MAX_ANNOUNCEMENT_BYTES
from tests.clock import ManualClock
from tests.fake_bot_api import FakeBotAPI
from tests.scheduler import ClockScheduler
from tests.test_e2e_broadcasts import compose, confirm, text_of, until
from tests.test_web_auth import fetch, signed, web_app

ORGANISER = 900001
BASE = "/app/organiser/broadcast"


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


# Cancelling, «Edit», the recent list. Messages leave at 4 a second here, so a broadcast
# to forty is still sending when it is cancelled; the progress loop looks every 50 ms, so a
# short one is soon marked done.
MANY = range(7300, 7340)


@pytest.fixture
async def slow_web(
    settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[tuple[App, str]]:
    changes = {"delivery_rate": 4.0, "broadcast_progress_seconds": 0.05}
    async with web_app(settings, clock, scheduler, **changes) as running:
        yield running


async def people(app: App, fake: FakeBotAPI, ids: Iterable[int], role: Role) -> None:
    """Users who talked to the bot before, with a role (no chat round trip each)."""
    for user_id in ids:
        fake.user(user_id, language_code="en")
        await app.store.users.touch(user_id, f"U{user_id}", None, "en", app.clock.now())
        await app.store.users.set_role(user_id, role, None)


async def started(base: str, headers: dict[str, str], kind: str, text: str) -> tuple[int, str]:
    """Preview then send, as the console does: the broadcast's id and the progress page."""
    form = {"kind": kind, "text": text}
    status, body, _ = await fetch(base, BASE + "/preview", headers, method="POST", data=form)
    token = re.search(r'name="token" value="([0-9a-f]{32})"', body)
    assert status == 200
    assert token is not None
    sent = {**form, "token": token[1]}
    status, body, _ = await fetch(base, BASE + "/send", headers, method="POST", data=sent)
    assert status == 200, body
    number = re.search(r'data-broadcast-id="(\d+)"', body)
    assert number is not None
    return int(number[1]), body


async def state_of(app: App, broadcast_id: int) -> tuple[object, ...]:
    """What a cancel changes: the broadcast's state and end, its messages by state."""
    [row] = await app.store.db.execute_fetchall(
        "SELECT state, finished_at FROM broadcasts WHERE id = ?", (broadcast_id,)
    )
    states = await app.store.db.execute_fetchall(
        "SELECT state, count(*) FROM outbox WHERE kind = 'broadcast' AND key = ?"
        " AND state IN ('queued', 'cancelled') GROUP BY state",
        (str(broadcast_id),),
    )
    return (*row, *(tuple(s) for s in states))


async def received(fake: FakeBotAPI, ids: Iterable[int]) -> int:
    """Messages the fake Bot API took for ``ids``, once nothing more is on its way."""
    wanted = set(ids)
    counted = -1
    while True:
        await asyncio.sleep(0.4)  # a message in flight at the cancel may still land
        now = sum(1 for sent in fake.sent_log if sent.chat_id in wanted)
        if now == counted:
            return now
        counted = now


async def until_sent(fake: FakeBotAPI, ids: Iterable[int], within: float = 5) -> None:
    wanted = set(ids)
    deadline = time.monotonic() + within
    while not any(sent.chat_id in wanted for sent in fake.sent_log):
        assert time.monotonic() < deadline, "nothing was sent"
        await asyncio.sleep(0.05)


async def test_cancel_from_the_console_stops_the_rest(
    slow_web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = slow_web
    await people(app, fake, MANY, Role.PRESS)
    headers = signed(ORGANISER, clock)
    broadcast_id, body = await started(base, headers, "press", "Dinner is at 19:00")
    assert 'data-action="cancel"' in body
    assert "Cancel sending" in body
    assert f'data-confirm="Stop broadcast No. {broadcast_id}? The messages not yet' in body
    await until_sent(fake, MANY)
    cancel = f"{BASE}/{broadcast_id}/cancel"
    status, body, _ = await fetch(base, cancel, headers, method="POST")
    assert status == 200
    notice = re.search(r"Cancelled: (\d+) messages will not be sent.", body)
    assert notice is not None
    assert int(notice[1]) > 0
    assert 'data-state="cancelled"' in body
    assert 'data-action="cancel"' not in body
    assert "data-poll" not in body
    delivered = await received(fake, MANY)
    assert delivered < len(MANY)
    [(sent, cancelled, queued)] = await app.store.db.execute_fetchall(
        "SELECT sum(state = 'sent'), sum(state = 'cancelled'), sum(state = 'queued')"
        " FROM outbox WHERE kind = 'broadcast' AND key = ?",
        (str(broadcast_id),),
    )
    assert (sent, queued) == (delivered, 0)
    assert cancelled == len(MANY) - delivered

    before = await state_of(app, broadcast_id)
    status, body, _ = await fetch(base, cancel, headers, method="POST")
    assert status == 409
    assert "This broadcast was cancelled already: nothing was changed." in body
    assert await state_of(app, broadcast_id) == before
    assert await received(fake, MANY) == delivered

    status, body, _ = await fetch(base, BASE, headers)
    assert f'href="#/organiser/broadcast/{broadcast_id}"' in body
    assert '<span data-state="cancelled">cancelled</span>' in body


async def test_cancel_in_russian_and_a_finished_broadcast_is_409(
    slow_web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = slow_web
    await people(app, fake, [7290], Role.PRESS)
    headers = signed(ORGANISER, clock, language="ru")
    finished, _ = await started(base, headers, "press", "Пресс-подход в 15:00")
    deadline = time.monotonic() + 5
    while (await state_of(app, finished))[0] != "done":
        assert time.monotonic() < deadline, "the broadcast was never marked done"
        await asyncio.sleep(0.05)
    before = await state_of(app, finished)
    status, body, _ = await fetch(base, f"{BASE}/{finished}/cancel", headers, method="POST")
    assert status == 409
    assert "Эта рассылка уже завершена: останавливать нечего." in body
    assert await state_of(app, finished) == before

    await people(app, fake, MANY, Role.PRESS)
    running, body = await started(base, headers, "press", "Ужин в 19:00")
    assert "Остановить рассылку" in body
    assert f"Остановить рассылку № {running}? Ещё не отправленные" in body
    status, body, _ = await fetch(base, f"{BASE}/{running}/cancel", headers, method="POST")
    assert status == 200
    assert "Остановлено:" in body
    assert "остановлено, не отправлено" in body
    assert await received(fake, MANY) < len(MANY)
    status, body, _ = await fetch(base, BASE, headers)
    assert "Недавние рассылки" in body
    assert '<span data-state="done">завершена</span>' in body
    assert '<span data-state="cancelled">остановлена</span>' in body


async def test_cancel_refuses_other_roles_and_unknown_ids_and_changes_nothing(
    slow_web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = slow_web
    await people(app, fake, MANY, Role.PRESS)
    await people(app, fake, [7390], Role.DELEGATE)
    broadcast_id, _ = await started(base, signed(ORGANISER, clock), "press", "Dinner at 19:00")
    before = await state_of(app, broadcast_id)
    for user_id in (7300, 7390):  # a journalist, a delegate
        for target in (broadcast_id, 999999):
            path = f"{BASE}/{target}/cancel"
            status, body, _ = await fetch(base, path, signed(user_id, clock), method="POST")
            assert status == 403, (user_id, target)
            assert "organisers only" in body
    headers = signed(ORGANISER, clock)
    for forged in ("999999", "9" * 25, "-1", "abc", "1e3"):
        status, _, _ = await fetch(base, f"{BASE}/{forged}/cancel", headers, method="POST")
        assert status == 404, forged
    assert await state_of(app, broadcast_id) == before
    status, _, _ = await fetch(base, f"{BASE}/{broadcast_id}/cancel", headers, method="POST")
    assert status == 200


async def test_a_broadcast_started_in_chat_cancelled_in_the_console_ends_in_chat_too(
    slow_web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = slow_web
    await people(app, fake, MANY, Role.PRESS)
    organiser = fake.user(ORGANISER, language_code="en")
    sent = await confirm(organiser, await compose(organiser, "Dinner is at 19:00"), "Press")
    [(broadcast_id,)] = await app.store.db.execute_fetchall("SELECT id FROM broadcasts")
    path = f"{BASE}/{broadcast_id}/cancel"
    status, _, _ = await fetch(base, path, signed(ORGANISER, clock), method="POST")
    assert status == 200
    report = await until(organiser, lambda m: "Cancelled;" in text_of(m))
    assert report["message_id"] == sent["progress"]["message_id"]
    assert "reply_markup" not in report, "no «Cancel» button left in chat"
    assert await received(fake, MANY) < len(MANY)


@pytest.mark.parametrize("language", ["en", "ru"])
async def test_edit_brings_back_what_was_typed(
    web: tuple[App, str], clock: ManualClock, language: str
) -> None:
    app, base = web
    [delegation, *_] = (await app.dispatcher["delegations"].participants()).ordered()
    [session, *_] = await app.dispatcher["agenda"].programme()
    headers = signed(ORGANISER, clock, language=language)
    text = "<b>Сбор</b> в 9:00 &amp; <i>hall B</i>\nBring your badge."
    for kind, chosen in (
        ("one", f'<option value="{delegation.id}" selected>'),
        ("ses", f'<option value="{session.id}" selected>'),
    ):
        form = {
            "kind": kind,
            "delegation": str(delegation.id),
            "session": str(session.id),
            "text": text,
        }
        status, body, _ = await fetch(base, BASE + "/preview", headers, method="POST", data=form)
        assert status == 200
        assert 'action="organiser/broadcast/edit"' in body
        assert 'data-action="edit"' in body
        hidden = r'<input type="hidden" name="(\w+)" value="([^"]*)">'
        fields = re.findall(hidden, body.split("/edit")[1])
        edit = {name: html.unescape(value) for name, value in fields}
        assert edit == form
        status, body, _ = await fetch(base, BASE + "/edit", headers, method="POST", data=edit)
        assert status == 200
        assert 'data-page="console-broadcast"' in body
        assert f'value="{kind}" checked' in body
        assert chosen in body
        assert f">{html.escape(text, quote=False)}</textarea>" in body
        assert ("Новая рассылка" if language == "ru" else "New broadcast") in body
    status, _, _ = await fetch(
        base, BASE + "/edit", headers, method="POST", data={"kind": "nobody", "text": "x"}
    )
    assert status == 400
    assert await broadcasts(app) == 0
