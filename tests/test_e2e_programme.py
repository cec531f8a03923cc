"""Organisers change the programme live from chat (issue 11): each change previewed with
who is told, confirmed, told to followers once after the quiet period through the same
machinery as `load`; reminders and calendars follow; «↩ Undo» tells nobody."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from bot.app import App
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import (
    ORGANISER,
    alert_of,
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
    assert "Who will be told: 2 followers; 1 person follows the whole day." in text
    assert buttons(preview) == ["⏪ Only this session", "✅ Confirm", "✖ Discard"]
    opening = await session_id(app.store, "d1-opening")
    assert (await app.store.programme.session(opening)).revision == 1  # type: ignore[union-attr]

    result = await press(organiser, preview, "✅ Confirm")
    assert result["text"].startswith("✅ Changed.")
    assert buttons(result) == ["↩ Undo", "📄 The session"]
    session = await app.store.programme.session(opening)
    assert session is not None
    assert session.revision == 2
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


async def test_undo_within_the_quiet_period_tells_nobody_and_is_refused_once_told(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    follower = fake.user(5011, language_code="ru")
    await subscribe(follower, "Пт", "10:00", "🔔 Напомнить")
    organiser = fake.user(ORGANISER, language_code="ru")
    opening = await session_id(app.store, "d1-opening")

    menu = await change_menu(organiser, "Пт", "10:00")
    question = await press(organiser, menu, "📍 Зал")
    assert question["text"].startswith("📍 Какой зал?")
    assert buttons(question) == ["конференц-зал отеля «Арчабиль»"]
    preview = await send(organiser, "Зал Б / Hall B")
    assert "Место: конференц-зал отеля «Арчабиль» → Зал Б" in preview["text"]
    assert "Кому сообщим: 1 подписчику; 0 человек следят за всем днём." in preview["text"]
    result = await press(organiser, preview, "✅ Подтвердить")
    assert result["text"].startswith("✅ Изменено.")
    assert (await app.store.programme.session(opening)).room.en == "Hall B"  # type: ignore[union-attr]
    await tick(app)  # the bot has seen the change and re-planned: still undoable

    undone = await press(organiser, result, "↩ Вернуть")
    assert undone["text"] == "↩ Возвращено. Программа такая, как была; никто ничего не узнал."
    session = await app.store.programme.session(opening)
    assert session is not None
    assert session.room.en == "conference hall, Archabil Hotel"
    assert session.revision == 3  # calendars update again, never back
    assert await pending_records(app.store) == 0
    assert await app.store.programme_overrides.all() == {}
    log = await app.store.programme_audit.page(0, 10)
    assert [(e.action.value, e.undone) for e in log] == [("undo", False), ("room", True)]
    await rest(app, clock)
    await follower.expect_nothing(0.3)

    menu = await change_menu(organiser, "Пт", "10:00")
    await press(organiser, menu, "🕘 Новое время")
    preview = await send(organiser, "9:30-9:55")
    assert "Время: 10:00–10:30 → 09:30–09:55" in preview["text"]
    result = await press(organiser, preview, "✅ Подтвердить")
    await rest(app, clock)
    assert (await follower.receive())["text"].startswith("✏️ Изменение в программе")
    query = await organiser.press(result, "↩ Вернуть")
    answer = await organiser.wait_answer(query)
    assert answer["text"].startswith("Вернуть уже нельзя")
    session = await app.store.programme.session(opening)
    assert session is not None
    assert session.starts_at == local(5, 9, 30)


async def test_typed_times_titles_and_bad_input_are_named_and_change_nothing(
    fake: FakeBotAPI, app: App
) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    presentations = await session_id(app.store, "d1-presentations")
    menu = await change_menu(organiser, "Fri", "14:30")
    question = await press(organiser, menu, "🕘 New time")
    assert question["text"].startswith(
        "🕘 New time for «Delegations' presentations» (now 14:30–17:30)."
    )
    for typed, problem in [
        ("25:00-26:00", "Send the time as HH:MM–HH:MM, e.g. 10:20–12:50."),
        ("17:00-16:00", "The end must come after the start."),
        ("12:30 – 15:00", "It would overlap «Thematic discussion"),
    ]:
        answer = await send(organiser, typed)
        assert answer["text"].startswith(problem), typed
        assert answer["text"].endswith("Nothing was changed. Send it again, or /cancel.")
    assert (await app.store.programme.session(presentations)).revision == 1  # type: ignore[union-attr]
    preview = await send(organiser, "23:00—23:50")
    assert "Time: 14:30–17:30 → 23:00–23:50" in preview["text"]
    await press(organiser, preview, "✅ Confirm")

    menu = await change_menu(organiser, "Fri", "23:00")
    refused = await press(organiser, menu, "+15 min")
    assert refused["text"].startswith(
        "⚠️ The session must stay within its day (Friday, 5 September), a day of the meeting."
    )
    assert buttons(refused) == ["✖ Discard"]
    discarded = await press(organiser, refused, "✖ Discard")
    assert discarded["text"] == "Discarded. Nothing was changed."

    menu = await change_menu(organiser, "Fri", "23:00")
    await press(organiser, menu, "✏️ Title")
    too_long = await send(organiser, "x" * 201)
    assert too_long["text"] == "Too long: at most 200 characters, you sent 201."
    assert (await send(organiser, "Делегации за работой"))["text"] == "The title in English:"
    preview = await send(organiser, "Delegations at work")
    assert "Title: «Delegations' presentations» → «Delegations at work»" in preview["text"]
    assert "Nobody is told: titles and descriptions change quietly" in preview["text"]
    result = await press(organiser, preview, "✅ Confirm")
    assert "«↩ Undo» takes it back until 09:03." in result["text"]
    session = await app.store.programme.session(presentations)
    assert session is not None
    assert session.title.ru == "Делегации за работой"
    assert session.revision == 3


async def test_cancel_restore_and_add_a_session_go_to_followers_as_after_a_load(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    follower = fake.user(5021, language_code="en")
    await subscribe(follower, "Sat", "14:00", "🔔 Remind me")
    day_follower = fake.user(5022, language_code="en")
    await day_follower.send("/agenda")
    days = await day_follower.receive()
    saturday = await press(day_follower, days, button_starting(days, "Sat"))
    await press(day_follower, saturday, "🔔 Remind me of the whole day")
    organiser = fake.user(ORGANISER, language_code="en")
    volunteers = await session_id(app.store, "d2-volunteers")

    menu = await change_menu(organiser, "Sat", "14:00")
    preview = await press(organiser, menu, "❌ Cancel the session")
    assert "❌ Cancelled: Strengthening the potential" in preview["text"]
    assert "14:00–16:30 · conference hall, Archabil Hotel" in preview["text"]
    assert "Who will be told: 2 followers; 1 person follows the whole day." in preview["text"]
    result = await press(organiser, preview, "✅ Confirm")
    assert buttons(result) == ["↩ Undo", "♻️ Restore"]
    assert await app.store.programme.session(volunteers) is None
    await rest(app, clock)
    for user in (follower, day_follower):
        assert (await user.receive())["text"].startswith("❌ Cancelled: Strengthening")

    preview = await press(organiser, result, "♻️ Restore")
    assert "➕ New: Strengthening the potential" in preview["text"]
    told = "Who will be told: 2 people who followed it get it back in their reminders;"
    assert told in preview["text"]
    await press(organiser, preview, "✅ Confirm")
    restored = await app.store.programme.session(volunteers)
    assert restored is not None
    assert restored.revision == 2
    await rest(app, clock)
    for user in (follower, day_follower):  # both followed it: both have it back
        assert (await user.receive())["text"].startswith("♻️ Back in the programme: Strength")

    menu = await change_menu(organiser, "Sat", "10:00")
    question = await press(organiser, menu, "➕ Add a session to this day")
    assert question["text"] == "➕ A new session on Saturday, 6 September. Its title in Russian:"
    await send(organiser, "Закрытие встречи")
    when = await send(organiser, "Closing of the meeting")
    assert when["text"].startswith("🕘 When is it on Saturday, 6 September?")
    rooms = await send(organiser, "16:00-17:00")
    query = await organiser.press(rooms, "conference hall, Archabil Hotel")
    answer = await organiser.wait_answer(query)
    assert answer["text"].startswith("It would overlap «Strengthening the potential")
    preview = await send(organiser, "Hall B")
    assert "➕ New: Closing of the meeting\n16:00–17:00 · Hall B" in preview["text"]
    result = await press(organiser, preview, "✅ Confirm")
    page = await press(organiser, result, "📄 The session")
    assert page["text"].startswith(
        "Closing of the meeting\n\n🕘 Saturday, 6 September, 16:00–17:00"
    )
    await organiser.send("/agenda")
    days = await organiser.receive()
    saturday = await press(organiser, days, button_starting(days, "Sat"))
    assert "16:00–17:00 Closing of the meeting" in saturday["text"]
    await rest(app, clock)
    added = await day_follower.receive()
    assert added["text"].startswith("➕ New in the programme")
    assert "Closing of the meeting" in added["text"]


async def test_only_organisers_change_the_programme_and_forged_or_stale_buttons_change_nothing(
    fake: FakeBotAPI, app: App
) -> None:
    guest = fake.user(5031, language_code="en")
    page = await open_session(guest, "Fri", "14:30")
    assert "✏️ Change" not in buttons(page)
    refusal = "Only the organisers can change the programme. Nothing was changed."
    for data in ("pgc:m:1:0", "pgc:c:1:0", "pgd:ok:abc", "pgu:1", "pgs:1", "pgl:0:0", "pgr:0:x"):
        assert await alert_of(guest, page, data=data) == refusal, data
    assert (await send(guest, "/changes"))["text"] == refusal

    organiser = fake.user(ORGANISER, language_code="en")
    page = await open_session(organiser, "Fri", "14:30")
    gone = "This session is no longer in the programme. Nothing was changed."
    assert await alert_of(organiser, page, data="pgc:m:999999:0") == gone
    assert await alert_of(organiser, page, data="pgc:d:999999:10") == gone
    assert await alert_of(organiser, page, data="pgc:d:4:7") == "This button is out of date."
    forged = await alert_of(organiser, page, data="pgc:m:1234567890123456789012345:0")
    assert forged.startswith("This button is out of date.")
    stale = "This change is no longer open. Nothing was changed."
    assert await alert_of(organiser, page, data="pgd:ok:abc") == stale
    assert await alert_of(organiser, page, data="pgu:999") == (
        "This change is not in the programme's log. Nothing was changed."
    )
    assert await alert_of(organiser, page, data="pgs:999") == (
        "This session is not among the cancelled ones. Nothing was changed."
    )

    menu = await change_menu(organiser, "Fri", "14:30")
    first = await press(organiser, menu, "+5 min")
    second = await press(organiser, menu, "❌ Cancel the session")  # the first is dropped
    query = await organiser.press(first, "✅ Confirm")
    assert (await organiser.wait_answer(query))["text"] == stale
    discarded = await press(organiser, second, "✖ Discard")
    assert discarded["text"] == "Discarded. Nothing was changed."
    presentations = await session_id(app.store, "d1-presentations")
    session = await app.store.programme.session(presentations)
    assert session is not None
    assert session.revision == 1
    assert await app.store.programme_audit.count() == 0
    assert await pending_records(app.store) == 0


async def test_a_failure_while_applying_leaves_nothing_and_the_change_can_be_made_again(
    fake: FakeBotAPI, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    opening = await session_id(app.store, "d1-opening")
    audit = app.store.programme_audit
    writing = audit.add

    async def failing(*args: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "add", failing)
    menu = await change_menu(organiser, "Fri", "10:00")
    await press(organiser, menu, "📍 Room")
    preview = await send(organiser, "Hall C")
    query = await organiser.press(preview, "✅ Confirm")
    assert (await organiser.wait_answer(query))["text"].startswith("Sorry, something went wrong")
    session = await app.store.programme.session(opening)
    assert session is not None
    assert session.room.en == "conference hall, Archabil Hotel"
    assert session.revision == 1
    assert await pending_records(app.store) == 0
    assert await app.store.programme_overrides.all() == {}

    monkeypatch.setattr(audit, "add", writing)
    menu = await change_menu(organiser, "Fri", "10:00")
    await press(organiser, menu, "📍 Room")
    preview = await send(organiser, "Hall C")
    assert (await press(organiser, preview, "✅ Confirm"))["text"].startswith("✅ Changed.")
    session = await app.store.programme.session(opening)
    assert session is not None
    assert session.room.en == "Hall C"
    assert await pending_records(app.store) == 1
    assert await app.store.programme_audit.count() == 1


async def test_a_description_is_edited_in_both_languages_and_nobody_is_told(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    follower = fake.user(5041, language_code="ru")
    await subscribe(follower, "Сб", "10:00", "🔔 Напомнить")
    organiser = fake.user(ORGANISER, language_code="ru")
    menu = await change_menu(organiser, "Сб", "10:00")
    question = await press(organiser, menu, "📝 Описание")
    assert question["text"].startswith("📝 Новое описание «Развитие доходоприносящей")
    english = await send(organiser, "Обсуждение перенесено в малый зал;\nвход свободный.")
    assert english["text"] == "Описание по-английски:"
    preview = await send(organiser, "The discussion moves to the small hall; entry is free.")
    assert "Описание: Обсуждение перенесено в малый зал;\nвход свободный." in preview["text"]
    assert "Никому не сообщаем" in preview["text"]
    result = await press(organiser, preview, "✅ Подтвердить")
    assert result["text"].startswith("✅ Изменено.")
    session = await app.store.programme.session(await session_id(app.store, "d2-income"))
    assert session is not None
    assert session.description is not None
    assert session.description.en == "The discussion moves to the small hall; entry is free."
    assert session.revision == 2
    await rest(app, clock)
    await follower.expect_nothing(0.3)
