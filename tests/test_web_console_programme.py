"""The console's live programme editor over HTTP: the days and sessions, each change
previewed with who is told, applied once per token, told to followers exactly as from
chat after the quiet period, undone unseen, logged; every refusal changes nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.app import App
from bot.users.values import Role
from bot.web.auth import MAX_FORM_BYTES
from tests.clock import ManualClock
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import ORGANISER, change_menu, pending_records, press, rest, session_id
from tests.test_reminders import subscribe
from tests.test_web_auth import fetch, signed

BASE = "/app/organiser/programme"
PRESENTATIONS_DELAYED = (
    "✏️ Programme change\n\nDelegations' presentations\n\n"
    "Time: Fri 14:30–17:30 → 14:45–17:45\nTimes: Ashgabat time, UTC+5\n\n"
    "Your reminder follows the new time."
)


async def post(
    base: str, path: str, clock: ManualClock, data: dict[str, str], **options: Any
) -> tuple[int, str]:
    user = options.pop("user", ORGANISER)
    status, body, _ = await fetch(
        base, path, signed(user, clock, **options), method="POST", data=data
    )
    return status, body


async def get(base: str, path: str, clock: ManualClock, **options: Any) -> tuple[int, str]:
    user = options.pop("user", ORGANISER)
    status, body, _ = await fetch(base, path, signed(user, clock, **options))
    return status, body


def token_of(body: str) -> str:
    found = re.search(r'name="token" value="([0-9a-f]{32})"', body)
    assert found is not None, body
    return found[1]


async def change(
    base: str, clock: ManualClock, form: dict[str, str], **options: Any
) -> tuple[int, str]:
    """Preview, then «Apply» with the preview's token."""
    status, body = await post(base, BASE + "/preview", clock, form, **options)
    assert status == 200, body
    return await post(base, BASE + "/apply", clock, {"token": token_of(body)}, **options)


async def revision(app: App, session: int) -> int:
    found = await app.store.programme.session(session)
    assert found is not None
    return found.revision


async def snapshot(app: App) -> list[Any]:
    """What a change could touch: sessions, the log, cancellations, change records, outbox."""
    tables = (
        "SELECT id, day, starts_at, ends_at, room, title, revision FROM sessions ORDER BY id",
        "SELECT count(*) FROM programme_log",
        "SELECT count(*) FROM cancelled_sessions",
        "SELECT count(*) FROM chat_overrides",
        "SELECT count(*) FROM session_stage",
        "SELECT count(*) FROM session_changes",
        "SELECT count(*) FROM outbox",
    )
    return [[tuple(row) for row in await app.store.db.execute_fetchall(sql)] for sql in tables]


@pytest.mark.parametrize("via", ["chat", "console"])
async def test_a_delay_from_the_console_tells_followers_what_chat_tells_them(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI, via: str
) -> None:
    app, base = web
    follower = fake.user(5101, language_code="en")
    await subscribe(follower, "Fri", "14:30", "🔔 Remind me")
    presentations = await session_id(app.store, "d1-presentations")
    if via == "chat":
        organiser = fake.user(ORGANISER, language_code="en")
        preview = await press(organiser, await change_menu(organiser, "Fri", "14:30"), "+15 min")
        await press(organiser, preview, "✅ Confirm")
    else:
        form = {"action": "delay", "session": str(presentations), "revision": "1"}
        status, body = await change(base, clock, {**form, "minutes": "15"})
        assert status == 200
        assert "Time: 14:30–17:30 → 14:45–17:45" in body
    await follower.expect_nothing(0.2)
    await rest(app, clock, minutes=2)
    await follower.expect_nothing(0.2)  # still within the quiet period
    await rest(app, clock, minutes=2)
    assert (await follower.receive())["text"] == PRESENTATIONS_DELAYED
    await follower.expect_nothing(0.2)
    [entry] = await app.store.programme_audit.page(0, 10)
    assert (entry.action.value, entry.actor_id) == ("delay", ORGANISER)


async def test_days_sessions_preview_counts_apply_once_and_the_notice_in_english(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    follower = fake.user(5111, language_code="en")
    await subscribe(follower, "Fri", "10:00", "🔔 Remind me")
    opening = await session_id(app.store, "d1-opening")
    status, body = await get(base, BASE, clock)
    assert status == 200
    assert "Times: Ashgabat time, UTC+5" in body
    assert 'data-day="20250906"' in body
    assert f'href="#/organiser/programme/session/{opening}"' in body
    status, body = await get(base, f"{BASE}/session/{opening}", clock)
    assert status == 200
    assert "Now: 10:00–10:30 · conference hall, Archabil Hotel" in body
    assert 'name="revision" value="1"' in body

    form = {"action": "delay", "session": str(opening), "revision": "1", "minutes": "10"}
    status, body = await post(base, BASE + "/preview", clock, form)
    assert status == 409
    assert "It would overlap «Welcome addresses» (10:30–11:00) in the same room." in body
    assert "Also move the 3 later sessions of the day" in body
    status, body = await post(base, BASE + "/preview", clock, {**form, "later": "1"})
    assert status == 200
    assert "Time: 10:00–10:30 → 10:10–10:40" in body
    assert "Welcome addresses: 10:30–11:00 → 10:40–11:10" in body
    assert "Who will be told: 1 follower; 0 people follow the whole day." in body
    assert "Only this session" in body
    assert await revision(app, opening) == 1  # a preview changes nothing
    token = token_of(body)

    status, body = await post(base, BASE + "/apply", clock, {"token": token})
    assert status == 200
    assert "Followers are told at 09:03 unless the session changes again" in body
    assert 'data-action="undo"' in body
    before = await snapshot(app)
    status, body = await post(base, BASE + "/apply", clock, {"token": token})
    assert status == 409
    assert "This preview has been applied or discarded already" in body
    assert await snapshot(app) == before
    assert await revision(app, opening) == 2

    await rest(app, clock)
    notice = await follower.receive()
    assert notice["text"].startswith("✏️ Programme change\n\nOpening of the meeting")
    assert "Time: Fri 10:00–10:30 → 10:10–10:40" in notice["text"]
    status, body = await get(base, BASE, clock)
    assert 'data-state="changed"' in body


async def test_a_room_change_in_russian_is_undone_unseen_and_logged(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    follower = fake.user(5121, language_code="ru")
    await subscribe(follower, "Пт", "10:00", "🔔 Напомнить")
    opening = await session_id(app.store, "d1-opening")
    status, body = await get(base, BASE, clock, language="ru")
    assert status == 200
    assert "Правка программы" in body
    assert "ашхабадское время, UTC+5" in body
    form = {
        "action": "room",
        "session": str(opening),
        "revision": "1",
        "room": "0",
        "new_room": "Зал Б / Hall B",
    }
    status, body = await post(base, BASE + "/preview", clock, form, language="ru")
    assert status == 200
    assert "Место: конференц-зал отеля «Арчабиль» → Зал Б" in body
    assert "Кому сообщим: 1 подписчику; 0 человек следят за всем днём." in body
    status, body = await post(
        base, BASE + "/apply", clock, {"token": token_of(body)}, language="ru"
    )
    assert status == 200
    assert "Изменено" in body
    change_id = re.search(r'action="organiser/programme/undo/(\d+)"', body)
    assert change_id is not None
    assert (await app.store.programme.session(opening)).room.en == "Hall B"  # type: ignore[union-attr]

    undo = f"{BASE}/undo/{change_id[1]}"
    status, body = await post(base, undo, clock, {}, language="ru")
    assert status == 200
    assert "Возвращено. Программа такая, как была; никто ничего не узнал." in body
    session = await app.store.programme.session(opening)
    assert session is not None
    assert session.room.en == "conference hall, Archabil Hotel"
    assert await pending_records(app.store) == 0
    before = await snapshot(app)
    status, body = await post(base, undo, clock, {}, language="ru")
    assert status == 409
    assert "Это изменение уже отменено." in body
    assert await snapshot(app) == before
    await rest(app, clock)
    await follower.expect_nothing(0.3)

    status, body = await get(base, BASE + "/log", clock, language="ru")
    assert status == 200
    assert "Возвращено (изменение №1)" in body
    assert "↩ возвращено" in body
    assert "Место: Зал Б → конференц-зал отеля «Арчабиль»" in body


async def test_an_apply_failing_between_its_writes_leaves_nothing_and_can_be_retried(
    web: tuple[App, str], clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, base = web
    opening = await session_id(app.store, "d1-opening")
    form = {"action": "room", "session": str(opening), "revision": "1", "new_room": "Hall B"}
    status, body = await post(base, BASE + "/preview", clock, form)
    token = token_of(body)
    before = await snapshot(app)

    async def broken(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("the audit log is full")

    with monkeypatch.context() as patched:
        patched.setattr(app.store.programme_audit, "add", broken)
        status, _ = await post(base, BASE + "/apply", clock, {"token": token})
        assert status == 500
    assert await snapshot(app) == before, "no room, no change record, no override, no entry"
    status, body = await post(base, BASE + "/apply", clock, {"token": token})
    assert status == 200, "the token was given back"
    assert "Room: conference hall, Archabil Hotel → Hall B" in body
    assert (await post(base, BASE + "/apply", clock, {"token": token}))[0] == 409


async def test_an_undo_once_followers_were_told_is_refused(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    opening = await session_id(app.store, "d1-opening")
    form = {"action": "times", "session": str(opening), "revision": "1"}
    status, body = await change(base, clock, {**form, "start": "9:30", "end": "09:55"})
    assert status == 200
    assert "Time: 10:00–10:30 → 09:30–09:55" in body
    change_id = re.search(r'undo/(\d+)"', body)
    assert change_id is not None
    await rest(app, clock)
    before = await snapshot(app)
    status, body = await post(base, f"{BASE}/undo/{change_id[1]}", clock, {})
    assert status == 409
    assert "Too late to undo: followers may have been told already." in body
    assert await snapshot(app) == before


async def test_cancel_restore_title_add_marks_and_the_log_pages(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    welcome = await session_id(app.store, "d1-welcome")
    status, body = await change(
        base, clock, {"action": "cancel", "session": str(welcome), "revision": "1"}
    )
    assert status == 200
    assert '<span class="badge">Cancelled</span>' in body
    assert f'name="session" value="{welcome}"' in body  # «Restore» offered
    assert await app.store.programme.session(welcome) is None
    status, body = await get(base, f"{BASE}/20250905", clock)
    assert f'data-cancelled="{welcome}"' in body
    status, body = await post(
        base, BASE + "/preview", clock, {"action": "restore", "session": str(welcome)}
    )
    assert status == 200
    assert "Who will be told: the day&#39;s followers (0); it is added to their" in body
    status, body = await post(base, BASE + "/apply", clock, {"token": token_of(body)})
    assert status == 200
    assert await app.store.programme.session(welcome) is not None

    title = {"title_ru": "Приветствия", "title_en": "Greetings"}
    form = {
        "action": "title",
        "session": str(welcome),
        "revision": str(await revision(app, welcome)),
    }
    status, body = await post(base, BASE + "/preview", clock, {**form, **title})
    assert "Nobody is told: titles and descriptions change quietly" in body
    status, body = await post(base, BASE + "/apply", clock, {"token": token_of(body)})
    assert "Title: «Welcome addresses» → «Greetings»" in body

    added = {"action": "add", "day": "20250906", "start": "17:00", "end": "18:00", "room": "0"}
    status, body = await change(base, clock, {**added, "title_ru": "Итоги", "title_en": "Wrap-up"})
    assert status == 200
    assert '<span class="badge">New</span>' in body
    assert "Wrap-up" in body

    status, body = await post(base, f"{BASE}/session/{welcome}/mark", clock, {"mark": "started"})
    assert status == 200
    assert "Marked started at 09:00." in body
    status, body = await post(base, f"{BASE}/session/{welcome}/mark", clock, {"mark": "plan"})
    assert "Back to the planned times." in body

    for minutes in range(1, 8):  # 5 entries so far: 12 make two pages
        form = {"action": "delay", "session": str(welcome), "later": "1"}
        form |= {"revision": str(await revision(app, welcome)), "minutes": "1"}
        assert (await change(base, clock, form))[0] == 200, minutes
    status, body = await get(base, BASE + "/log", clock)
    assert "Page 1 of 2" in body
    assert body.count('class="card entry"') == 10
    status, body = await get(base, BASE + "/log/2", clock)
    assert "Page 2 of 2" in body
    assert "<strong>Cancelled</strong>" in body
    assert "by Test" in body
    assert (await get(base, BASE + "/log/3", clock))[0] == 404


async def test_every_refusal_is_4xx_and_leaves_the_store_as_it_was(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    opening = await session_id(app.store, "d1-opening")
    welcome = await session_id(app.store, "d1-welcome")
    delay = {
        "action": "delay",
        "session": str(opening),
        "revision": "1",
        "minutes": "5",
        "later": "1",
    }
    room = {"action": "room", "session": str(opening), "revision": "1", "room": "0"}
    times = {"action": "times", "session": str(opening), "revision": "1"}
    add = {"action": "add", "day": "20250906", "start": "17:00", "end": "18:00", "room": "0"}
    add |= {"title_ru": "Итоги", "title_en": "Wrap-up"}
    before = await snapshot(app)
    cases: list[tuple[dict[str, str], int, str]] = [
        ({**delay, "action": "explode"}, 400, ""),
        ({**delay, "session": "abc"}, 400, ""),
        ({**delay, "session": "999999"}, 404, "Not found"),
        ({**delay, "session": "9" * 25}, 404, "Not found"),
        ({**delay, "revision": "x"}, 400, ""),
        ({**delay, "revision": "7"}, 409, "Someone changed this session since you opened it"),
        ({**delay, "minutes": "abc"}, 400, ""),
        ({**delay, "minutes": "0"}, 400, ""),
        ({**delay, "minutes": "241"}, 400, ""),
        ({**delay, "minutes": "1" * 30}, 400, ""),
        ({**room, "room": "99"}, 400, ""),
        ({**room, "new_room": "x" * 101}, 400, "Too long: at most 100 characters."),
        (room, 400, "That is how it is already: nothing to change."),
        ({**times, "start": "25:00", "end": "26:00"}, 400, "Give the start and the end as HH:MM"),
        ({**times, "start": "10:00", "end": "later"}, 400, "Give the start and the end as HH:MM"),
        ({**times, "start": "11:00", "end": "10:00"}, 400, "The end must come after the start."),
        ({**times, "start": "10:30", "end": "11:00"}, 409, "It would overlap «Welcome addresses»"),
        ({"action": "restore", "session": str(welcome)}, 404, "Not found"),
        ({**add, "day": "20250101"}, 404, "Not found"),
        ({**add, "day": "2025"}, 400, ""),
        ({**add, "title_en": "W" * 201}, 400, "Too long: at most 200 characters."),
        ({**add, "start": "10:00", "end": "12:30"}, 409, "It would overlap «Developing"),
    ]
    for data, expected, text in cases:
        status, body = await post(base, BASE + "/preview", clock, data)
        assert status == expected, data
        assert text in body, data
    for token, expected in (("nope", 400), ("a" * 32, 409)):
        for step in ("/apply", "/discard"):
            assert (await post(base, BASE + step, clock, {"token": token}))[0] == expected
    assert (await post(base, f"{BASE}/undo/999999", clock, {}))[0] == 404
    assert (await post(base, f"{BASE}/session/{opening}/mark", clock, {"mark": "x"}))[0] == 400
    assert (await post(base, f"{BASE}/session/999999/mark", clock, {"mark": "ended"}))[0] == 404
    for path in (f"{BASE}/session/999999", f"{BASE}/session/{'9' * 25}", f"{BASE}/20250101"):
        assert (await get(base, path, clock))[0] == 404, path
    oversized = {**delay, "title_ru": "я" * MAX_FORM_BYTES}
    assert (await post(base, BASE + "/preview", clock, oversized))[0] == 413

    status, body = await post(base, BASE + "/preview", clock, delay)
    token = token_of(body)
    status, body = await post(base, BASE + "/discard", clock, {"token": token})
    assert status == 200
    assert "Discarded. Nothing was changed." in body
    assert (await post(base, BASE + "/apply", clock, {"token": token}))[0] == 409
    assert await snapshot(app) == before

    status, body = await post(base, BASE + "/preview", clock, delay)
    token = token_of(body)
    for user_id, role in ((7301, Role.PRESS), (7302, Role.DELEGATE)):
        await app.dispatcher["users"].seen(user_id, "Jo", None, "en")
        if role is Role.PRESS:
            await app.dispatcher["access"].grant(user_id, role)
        else:
            [delegation, *_] = (await app.dispatcher["delegations"].participants()).ordered()
            await app.dispatcher["access"].grant(user_id, role, delegation.id)
        for path in (BASE, f"{BASE}/session/{opening}", BASE + "/log"):
            status, body = await get(base, path, clock, user=user_id)
            assert status == 403, path
            assert "This page is for organisers only." in body
        posts = [
            (BASE + "/preview", delay),
            (BASE + "/preview", {"action": "explode"}),
            (BASE + "/apply", {"token": token}),
            (BASE + "/discard", {"token": token}),
            (f"{BASE}/undo/1", {}),
            (f"{BASE}/session/{opening}/mark", {"mark": "started"}),
        ]
        for path, data in posts:
            assert (await post(base, path, clock, data, user=user_id))[0] == 403, path
    assert await snapshot(app) == before
    assert (await post(base, BASE + "/apply", clock, {"token": token}))[0] == 200  # still theirs
