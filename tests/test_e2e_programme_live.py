"""«▶ Now on stage» and the live «Now / next» message (issue 11): what /now, the session
page and a group's pinned message say follows what organisers marked, the plan otherwise."""

from __future__ import annotations

from bot.app import App
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import ORGANISER, change_menu, press, send
from tests.test_e2e_foundation import buttons
from tests.test_reminders import open_session


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
