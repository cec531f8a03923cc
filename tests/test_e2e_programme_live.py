"""«▶ Now on stage» and the live «Now / next» message (issue 11): what /now, the session
page and a group's pinned message say follows what organisers marked, the plan otherwise."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app import App
from bot.programme.values import Action, Proposal
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import TOKEN, local
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import (
    ORGANISER,
    GroupsFakeBotAPI,
    change_menu,
    press,
    send,
    session_id,
)
from tests.test_e2e_foundation import buttons
from tests.test_reminders import open_session, tick

Message = dict[str, Any]
ACTOR = User(ORGANISER, "Anna", "en", Role.ORGANISER)


async def test_stage_marks_drive_now_and_the_session_page_until_back_to_the_plan(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    guest = fake.user(5401, language_code="en")
    clock.set(local(5, 9, 50))
    assert (await send(guest, "/now"))["text"].startswith("The meeting starts on")

    menu = await change_menu(organiser, "Fri", "10:00")
    query = await organiser.press(menu, "▶ Started now")
    assert (await organiser.wait_answer(query))["text"] == "▶ Marked started at 09:50."
    marked = await organiser.receive()
    assert "▶ Marked started at 09:50." in marked["text"]
    assert "↺ Back to the plan" in buttons(marked)
    now = await send(guest, "/now")
    assert now["text"].startswith("Now\n10:00–10:30 Opening of the meeting")
    assert "Next\n10:30–11:00 Welcome addresses" in now["text"]
    assert "● On now." in (await open_session(guest, "Fri", "10:00"))["text"]

    back = await press(organiser, marked, "↺ Back to the plan")
    assert "Marked" not in back["text"]
    assert (await send(guest, "/now"))["text"].startswith("The meeting starts on")

    clock.set(local(5, 10, 40))  # the welcome addresses begin ten minutes late
    menu = await change_menu(organiser, "Fri", "10:30")
    await press(organiser, menu, "▶ Started now")
    clock.set(local(5, 11, 5))
    now = (await send(guest, "/now"))["text"]
    assert "10:30–11:00 Welcome addresses" in now  # on until 11:10, as long as planned
    assert "11:00–13:00 Thematic discussion" in now
    clock.set(local(5, 11, 8))
    menu = await change_menu(organiser, "Fri", "10:30")
    assert "▶ Marked started at 10:40." in menu["text"]
    ended = await press(organiser, menu, "⏹ Ended now")
    assert "⏹ Marked ended at 11:08." in ended["text"]
    now = (await send(guest, "/now"))["text"]
    assert "Welcome addresses" not in now
    assert "✓ This session is over." in (await open_session(guest, "Fri", "10:30"))["text"]
    log = await app.store.programme_audit.page(0, 10)
    assert [e.action.value for e in log] == ["ended", "started", "plan", "started"]


@pytest.fixture
async def fake() -> AsyncIterator[GroupsFakeBotAPI]:
    api = GroupsFakeBotAPI(token=TOKEN)
    await api.start()
    try:
        yield api
    finally:
        await api.close()
    assert not api.unexpected, api.unexpected


async def posted(fake: GroupsFakeBotAPI, chat_id: int, count: int) -> list[Message]:
    """The bot's messages in a group once there are ``count`` (the bot answers updates
    on its own time; this waits for it, never for the clock)."""
    async with asyncio.timeout(5):
        while len(fake.chat_messages(chat_id)) < count:  # noqa: ASYNC110 (no event for groups)
            await asyncio.sleep(0.01)
    return fake.chat_messages(chat_id)


def edits(fake: GroupsFakeBotAPI) -> list[str]:
    """The live message's text after each edit the fake accepted, as members read it."""
    return [
        str(call.response["result"]["text"])
        for call in fake.calls_to("editMessageText")
        if call.status == 200
    ]


async def test_live_message_follows_the_programme_at_most_once_a_minute_until_deleted(
    fake: GroupsFakeBotAPI, app: App, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    guest = fake.user(5411, language_code="en")
    group = fake.group(-100501)
    clock.set(local(5, 9, 50))
    fake.say_in(group, organiser, "/live")
    (refusal,) = await posted(fake, group["id"], 1)
    assert refusal["text"] == "Make me an admin of this chat, then send /live again."
    fake.say_in(group, guest, "/live")
    assert (await posted(fake, group["id"], 2))[-1]["text"] == (
        "Only the organisers can change the programme. Nothing was changed."
    )

    fake.admin_in.add(group["id"])
    fake.say_in(group, organiser, "/live")
    board = (await posted(fake, group["id"], 3))[-1]
    assert board["text"].startswith("📺 ")
    assert "Now\nNothing is on right now.\n\nNext\n10:00–10:30 Opening" in board["text"]
    await tick(app)
    assert edits(fake) == []  # the same text is never sent again

    clock.set(local(5, 10, 0))
    await tick(app)
    assert len(edits(fake)) == 1
    assert "Now\n10:00–10:30 Opening of the meeting" in edits(fake)[-1]

    clock.advance(dt.timedelta(seconds=30))
    desk = app.dispatcher.workflow_data["programme_desk"]
    opening = await session_id(app.store, "d1-opening")
    await desk.apply(ACTOR, Proposal(Action.DELAY, opening, minutes=5, later=True))
    await tick(app)  # woken by the change, but edited 30 s ago: put off
    assert len(edits(fake)) == 1
    clock.set(local(5, 10, 1))
    await tick(app)
    assert len(edits(fake)) == 2
    assert "Next\n10:05–10:35 Opening of the meeting" in edits(fake)[-1]
    await tick(app)
    assert len(edits(fake)) == 2

    fake.delete_by_member(group["id"], board["message_id"])
    clock.set(local(5, 10, 6))
    with caplog.at_level(logging.INFO, logger="bot.programme.boards"):
        await tick(app)
        clock.set(local(5, 10, 40))
        await tick(app)
    gone = [r for r in caplog.records if "is gone" in r.getMessage()]
    assert len(gone) == 1
    assert len(fake.calls_to("editMessageText")) == 3  # the third found it gone
    assert len(edits(fake)) == 2


async def test_live_message_for_a_channel_is_asked_for_in_private(
    fake: GroupsFakeBotAPI, app: App, clock: ManualClock
) -> None:
    organiser = fake.user(ORGANISER, language_code="ru")
    channel = fake.group(-100777, title="Новости встречи")
    usage = await send(organiser, "/live")
    assert usage["text"].startswith("Пришлите /live в группе")
    assert (await send(organiser, "/live -100999"))["text"].startswith("Я не вижу этот чат")
    assert (await send(organiser, "/live -100777"))["text"].startswith("Сделайте меня")
    fake.admin_in.add(channel["id"])
    answer = await send(organiser, "/live -100777 en")
    assert answer["text"] == (
        "📺 Опубликовано в «Новости встречи». Я буду обновлять его по ходу программы."
    )
    (board,) = fake.chat_messages(channel["id"])
    assert "Next\n10:00–10:30 Opening of the meeting" in board["text"]  # /live … en
