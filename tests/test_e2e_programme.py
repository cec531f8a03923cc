"""Organisers change the programme live from chat (issue 11): each change previewed with
who is told, confirmed, told to followers once after the quiet period through the same
machinery as `load`; reminders and calendars follow; «↩ Undo» tells nobody."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from bot.app import App
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import (
    ORGANISER,
    change_menu,
    pending_records,
    press,
    rest,
    send,
    session_id,
)
from tests.test_e2e_foundation import button_starting, buttons
from tests.test_reminders import open_session, subscribe, tick


async def test_delay_with_the_later_sessions_is_previewed_told_once_and_moves_reminders(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    follower = fake.user(5001, language_code="en")
    day_follower = fake.user(5002, language_code="en")
    await subscribe(follower, "Fri", "10:00", "🔔 Remind me")
    await day_follower.send("/agenda")
    days = await day_follower.receive()
    friday = await press(day_follower, days, button_starting(days, "Fri"))
    await press(day_follower, friday, "🔔 Remind me of the whole day")
    organiser = fake.user(ORGANISER, language_code="en")

    menu = await change_menu(organiser, "Fri", "10:00")
    assert menu["text"].startswith("✏️ Change the programme\n\nOpening of the meeting")
    refused = await press(organiser, menu, "+10 min")
    assert refused["text"].startswith(
        "⚠️ It would overlap «Welcome addresses» (10:30–11:00) in the same room."
    )
    assert "Nothing was changed." in refused["text"]
    preview = await press(organiser, refused, "⏩ Also move the 3 later sessions of the day")
    assert preview["message_id"] == refused["message_id"]
    text = preview["text"]
    assert text.startswith("Preview — nothing changes until you confirm.")
    assert "Opening of the meeting\nTime: 10:00–10:30 → 10:10–10:40" in text
    assert "Welcome addresses: 10:30–11:00 → 10:40–11:10" in text
    assert "Delegations' presentations: 14:30–17:30 → 14:40–17:40" in text
    assert "Who will be told: 2 followers; 1 follow the whole day." in text
    assert buttons(preview) == ["⏪ Only this session", "✅ Confirm", "✖ Discard"]
    opening = await session_id(app.store, "d1-opening")
    assert (await app.store.programme.session(opening)).revision == 1  # type: ignore[union-attr]

    result = await press(organiser, preview, "✅ Confirm")
    assert result["text"].startswith("✅ Changed.")
    assert buttons(result) == ["↩ Undo", "📄 The session"]
    session = await app.store.programme.session(opening)
    assert session is not None and session.revision == 2
    assert session.starts_at == local(5, 10, 10)

    await tick(app)
    clock.advance(dt.timedelta(minutes=2))
    await tick(app)
    await follower.expect_nothing(0.2)  # still within the quiet period
    clock.advance(dt.timedelta(minutes=2))
    await tick(app)
    notice = await follower.receive()
    assert notice["text"].startswith("✏️ Programme change\n\nOpening of the meeting")
    assert "Time: Fri 10:00–10:30 → 10:10–10:40" in notice["text"]
    await follower.expect_nothing(0.2)
    told = [await day_follower.receive() for _ in range(4)]  # one per session moved
    assert all(m["text"].startswith("✏️ Programme change") for m in told)
    await day_follower.expect_nothing(0.1)
    assert await pending_records(app.store) == 0

    clock.set(local(5, 9, 45))  # the old reminder moment: nothing
    await tick(app)
    await follower.expect_nothing(0.2)
    clock.set(local(5, 9, 55))
    await tick(app)
    reminder = await follower.receive()
    assert reminder["text"].startswith("🔔 Opening of the meeting starts in 15 min.")
    assert "10:10–10:40" in reminder["text"]

    page = await open_session(follower, "Fri", "10:10")
    document = await press(follower, page, "🗓 Add to calendar")
    event = Calendar.from_ical(fake.files[document["document"]["file_id"]]).walk("VEVENT")[0]
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == local(5, 10, 10)
