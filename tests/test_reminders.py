"""Reminders end to end: real bot, fake Bot API, a clock and scheduler the tests move."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from icalendar import Calendar

from bot.app import App
from bot.config import Settings
from bot.content.service import ContentService
from bot.store.holder import Store
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local, running_app
from tests.fake_bot_api import FakeBotAPI, FakeUser
from tests.scheduler import ClockScheduler
from tests.test_e2e_foundation import button_starting, buttons

Message = dict[str, Any]


async def open_session(user: FakeUser, day: str, time: str) -> Message:
    """/agenda → the day whose button starts with ``day`` → the session at ``time``."""
    await user.send("/agenda")
    days = await user.receive()
    await user.press(days, button_starting(days, day))
    listing = await user.receive()
    await user.press(listing, button_starting(listing, time))
    return await user.receive()


async def subscribe(user: FakeUser, day: str, time: str, label: str) -> Message:
    detail = await open_session(user, day, time)
    query = await user.press(detail, label)
    await user.wait_answer(query)
    return await user.receive()  # the same message, its button flipped


async def tick(app: App) -> None:
    scheduler = app.scheduler
    assert isinstance(scheduler, ClockScheduler)
    await scheduler.run_due()


def edited_data(tmp_path: Path, edits: list[tuple[str, str]]) -> Path:
    """A copy of data/ with textual replacements in programme.yaml (each must apply)."""
    target = tmp_path / f"data-{len(list(tmp_path.glob('data-*')))}"
    shutil.copytree(DATA_DIR, target)
    programme = target / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    programme.write_text(text, encoding="utf-8")
    return target


D2_INCOME = '      - id: d2-income\n        start: "10:00"\n        end: "12:30"'
D2_ROOM = (
    "          en: Developing income-generating activities of National Societies\n"
    "        room:\n"
    "          ru: конференц-зал отеля «Арчабиль»\n"
    "          en: conference hall, Archabil Hotel"
)


async def test_reminder_arrives_once_at_the_right_moment_in_each_language(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    russian = fake.user(2001, language_code="ru")
    english = fake.user(2002, language_code="en")
    bystander = fake.user(2003, language_code="en")
    flipped = await subscribe(russian, "Пт", "10:00", "🔔 Напомнить")
    assert "🔕 Не напоминать" in buttons(flipped)
    await subscribe(english, "Fri", "10:00", "🔔 Remind me")
    await bystander.send("/start")
    await bystander.receive()

    clock.set(local(5, 9, 44))
    await tick(app)
    await russian.expect_nothing(0.2)

    clock.set(local(5, 9, 45))
    await tick(app)
    ru = await russian.receive()
    assert ru["text"].startswith("🔔 Открытие встречи начнётся через 15 мин.")
    assert "Марал Ачилова" in ru["text"]
    assert "10:00–10:30" in ru["text"]
    assert "ашхабадское время" in ru["text"]
    assert ru["text"].count("конференц-зал отеля «Арчабиль»") == 1  # room and venue are one
    assert buttons(ru) == ["О заседании"]
    en = await english.receive()
    assert en["text"].startswith("🔔 Opening of the meeting starts in 15 min.")
    await english.press(en, "Session details")
    assert (await english.receive())["text"].startswith("Opening of the meeting\n")

    clock.set(local(5, 9, 50))
    await tick(app)
    await russian.expect_nothing(0.3)
    await bystander.expect_nothing(0)
    assert len([m for m in fake.chat_messages(2001) if m["text"].startswith("🔔")]) == 1


async def test_restart_sends_a_late_reminder_once_and_none_after_the_start(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock
) -> None:
    early = fake.user(2011, language_code="en")
    late = fake.user(2012, language_code="en")
    async with running_app(settings, clock, ClockScheduler(clock)):
        await subscribe(early, "Fri", "10:00", "🔔 Remind me")  # reminder due at 09:45
        await subscribe(late, "Fri", "10:30", "🔔 Remind me")  # due at 10:15

    clock.set(local(5, 9, 52))  # the bot was down at 09:45
    async with running_app(settings, clock, ClockScheduler(clock)) as app:
        await tick(app)
        reminder = await early.receive()
        assert reminder["text"].startswith("🔔 Opening of the meeting starts in 8 min.")

    clock.set(local(5, 9, 55))  # restarted again after the reminder went out
    async with running_app(settings, clock, ClockScheduler(clock)) as app:
        await tick(app)
        await early.expect_nothing(0.3)

    clock.set(local(5, 10, 31))  # down from before 10:15 until after the start
    async with running_app(settings, clock, ClockScheduler(clock)) as app:
        await tick(app)
        await late.expect_nothing(0.3)


async def test_a_moved_session_gets_one_notice_and_the_reminder_at_the_new_time(
    fake: FakeBotAPI, app: App, clock: ManualClock, tmp_path: Path
) -> None:
    user = fake.user(2021, language_code="en")
    await subscribe(user, "Sat", "10:00", "🔔 Remind me")
    content = ContentService(app.store, clock)

    moved = '      - id: d2-income\n        start: "11:30"\n        end: "13:30"'
    await content.load(edited_data(tmp_path, [(D2_INCOME, moved)]))
    await tick(app)
    clock.advance(dt.timedelta(minutes=1))
    new_room = D2_ROOM.replace("conference hall, Archabil Hotel", "Hall B")
    await content.load(edited_data(tmp_path, [(D2_INCOME, moved), (D2_ROOM, new_room)]))
    await tick(app)
    clock.advance(dt.timedelta(minutes=2))
    await tick(app)
    await user.expect_nothing(0.2)  # still within the quiet period after the second edit

    clock.advance(dt.timedelta(minutes=2))
    await tick(app)
    notice = await user.receive()
    assert notice["text"].startswith("✏️ Programme change")
    assert "Developing income-generating activities" in notice["text"]
    assert "Time: Sat 10:00–12:30 → 11:30–13:30" in notice["text"]
    assert "Room: conference hall, Archabil Hotel → Hall B" in notice["text"]
    assert "Ashgabat time, UTC+5" in notice["text"]
    await tick(app)
    await user.expect_nothing(0.2)

    clock.set(local(6, 9, 45))  # the old reminder moment; day one is long over
    await tick(app)
    assert (await user.receive())["text"].startswith("The day's sessions are over.")
    await user.expect_nothing(0.2)
    clock.set(local(6, 11, 15))
    await tick(app)
    reminder = await user.receive()
    assert reminder["text"].startswith("🔔 Developing income-generating activities")
    assert "11:30–13:30" in reminder["text"]
    assert "Hall B" in reminder["text"]


async def test_cancelled_session_is_announced_and_a_new_one_joins_a_followed_day(
    fake: FakeBotAPI, app: App, settings: Settings, clock: ManualClock, tmp_path: Path
) -> None:
    follower = fake.user(2031, language_code="en")
    await follower.send("/agenda")
    days = await follower.receive()
    await follower.press(days, button_starting(days, "Sat"))
    saturday = await follower.receive()
    query = await follower.press(saturday, "🔔 Remind me of the whole day")
    assert "the 2 sessions of this day" in (await follower.wait_answer(query))["text"]
    assert "🔕 Don't remind me of this day" in buttons(await follower.receive())

    start = (
        (DATA_DIR / "programme.yaml").read_text(encoding="utf-8").index("      - id: d2-volunteers")
    )
    volunteers = (DATA_DIR / "programme.yaml").read_text(encoding="utf-8")[start:]
    closing = (
        volunteers.replace("d2-volunteers", "d2-closing")
        .replace('"14:00"', '"17:00"')
        .replace('"16:30"', '"17:30"')
        .replace("Strengthening the potential of the volunteer movement", "Closing remarks")
    )
    # `python -m bot load` runs in another process: its own connections to the same file.
    loader = await Store.open(settings.database_path)
    try:
        await ContentService(loader, clock).load(edited_data(tmp_path, [(volunteers, closing)]))
    finally:
        await loader.close()
    await tick(app)
    clock.advance(dt.timedelta(minutes=4))
    await tick(app)
    notices = sorted([await follower.receive(), await follower.receive()], key=lambda m: m["text"])
    assert notices[0]["text"].startswith("❌ Cancelled: Strengthening the potential")
    assert "Sat 14:00–16:30" in notices[0]["text"]
    assert notices[1]["text"].startswith("➕ New in the programme")
    assert "Closing remarks" in notices[1]["text"]

    clock.set(local(6, 13, 45))
    await tick(app)
    await follower.expect_nothing(0.2)
    clock.set(local(6, 16, 45))
    await tick(app)
    assert (await follower.receive())["text"].startswith("🔔 Closing remarks starts in 15 min.")


async def test_day_two_is_offered_to_everyone_after_day_one_ends(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    delegate = fake.user(2041, language_code="ru")
    decided = fake.user(2042, language_code="en")
    await delegate.send("/start")
    await delegate.receive()
    await decided.send("/agenda")
    days = await decided.receive()
    await decided.press(days, button_starting(days, "Sat"))
    saturday = await decided.receive()
    await decided.press(saturday, "🔔 Remind me of the whole day")
    await decided.receive()

    clock.set(local(5, 17, 29))
    await tick(app)
    await delegate.expect_nothing(0.2)
    clock.set(local(5, 17, 30))
    await tick(app)
    offer = await delegate.receive()
    assert offer["text"].startswith("Заседания дня завершены. Далее — суббота, 6 сентября")
    assert "10:00–12:30" in offer["text"]
    assert "14:00–16:30" in offer["text"]
    query = await delegate.press(offer, "🔔 Напоминать обо всём дне")
    assert "2" in (await delegate.wait_answer(query))["text"]
    await delegate.receive()
    await decided.expect_nothing(0.2)  # already follows day two: no offer

    await delegate.send("/reminders")
    listing = await delegate.receive()
    assert "Развитие доходоприносящей" in listing["text"]
    assert "Усиление потенциала" in listing["text"]


async def test_reminders_list_lead_time_removal_and_my_agenda(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    user = fake.user(2051, language_code="en")
    await user.send("/start")
    menu = await user.receive()
    await user.press(menu, "🔔 Reminders")
    empty = await user.receive()
    assert empty["message_id"] == menu["message_id"]
    assert "You follow no sessions yet" in empty["text"]
    await subscribe(user, "Fri", "10:00", "🔔 Remind me")
    await subscribe(user, "Fri", "14:30", "🔔 Remind me")

    await user.send("/reminders")
    listing = await user.receive()
    assert "I remind you 15 minutes before each session." in listing["text"]
    assert "✓ 15" in buttons(listing)
    await user.press(listing, "30")
    listing = await user.receive()
    assert "I remind you 30 minutes before each session." in listing["text"]

    await user.press(listing, "🗓 My agenda (.ics)")
    document = await user.receive()
    assert document["document"]["file_name"] == "my-agenda.ics"
    events = Calendar.from_ical(fake.files[document["document"]["file_id"]]).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Opening of the meeting",
        "Delegations' presentations",
    ]

    clock.set(local(5, 9, 30))  # 30 minutes before the opening
    await tick(app)
    assert (await user.receive())["text"].startswith("🔔 Opening of the meeting starts in 30 min.")

    await user.press(listing, button_starting(listing, "✖ 14:30"))
    listing = await user.receive()
    assert "14:30" not in listing["text"]
    clock.set(local(5, 14, 0))
    await tick(app)
    await user.expect_nothing(0.2)

    await subscribe(user, "Sat", "10:00", "🔔 Remind me")
    await user.send("/reminders")
    listing = await user.receive()
    await user.press(listing, "🗑 Remove all")
    confirm = await user.receive()
    await user.press(confirm, "Yes, remove all")
    assert "You follow no sessions yet" in (await user.receive())["text"]


async def test_forged_reminder_buttons_change_nothing(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    user = fake.user(2061, language_code="en")
    await user.send("/reminders")
    listing = await user.receive()
    for data, expected in [
        ("rm:on:999999::0", "This session is no longer in the programme."),
        ("rm:day:0:20300101:0", "This day is not in the programme."),
        ("rm:lead:0::7", "This button is out of date."),
        ("rm:bogus:0::0", "This button is out of date."),
    ]:
        query = await user.press(listing, data=data)
        answer = await user.wait_answer(query)
        assert answer.get("show_alert") is True
        assert answer["text"].startswith(expected), data
    clock.set(local(5, 10, 5))
    detail = await open_session(user, "Fri", "10:00")
    assert "🔔 Remind me" not in buttons(detail)  # already started
    query = await user.press(detail, data="rm:on:1::0")
    assert (await user.wait_answer(query))["text"] == "This session has already started."
    assert await app.store.reminders.session_ids(2061) == set()


async def test_remind_me_sooner_than_the_lead_sends_nothing_until_a_shorter_lead(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    """Issue 10: 8 minutes before, with a 15-minute lead, «Remind me» sent the reminder at
    once and promised «15 minutes before»; a lead of 5 then brought nothing at start − 5."""
    user = fake.user(2071, language_code="en")
    clock.set(local(5, 9, 52))
    detail = await open_session(user, "Fri", "10:00")
    query = await user.press(detail, "🔔 Remind me")
    toast = (await user.wait_answer(query))["text"]
    assert "starts in 8 min" in toast
    assert "15 minutes before the start" not in toast
    assert "🔕 Don't remind me" in buttons(await user.receive())
    await tick(app)
    await user.expect_nothing(0.3)

    await user.send("/reminders")
    listing = await user.receive()
    await user.press(listing, "5")
    assert "5 minutes before each session" in (await user.receive())["text"]
    clock.set(local(5, 9, 54))
    await tick(app)
    await user.expect_nothing(0.2)
    clock.set(local(5, 9, 55))
    await tick(app)
    assert (await user.receive())["text"].startswith("🔔 Opening of the meeting starts in 5 min.")
    await tick(app)
    await user.expect_nothing(0.2)


async def test_the_day_offer_is_not_sent_once_the_next_day_has_begun(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock
) -> None:
    """Issue 10: after a restart during day two, everyone got «day one is over» 18 h late."""
    delegate = fake.user(2081, language_code="en")
    async with running_app(settings, clock, ClockScheduler(clock)):
        await delegate.send("/start")
        await delegate.receive()

    clock.set(local(6, 8, 0))  # the bot was down from before day one's end into day two
    async with running_app(settings, clock, ClockScheduler(clock)) as app:
        await tick(app)
        await delegate.expect_nothing(0.3)


async def test_a_day_offer_missed_while_down_is_sent_late_the_same_evening(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock
) -> None:
    delegate = fake.user(2091, language_code="en")
    async with running_app(settings, clock, ClockScheduler(clock)):
        await delegate.send("/start")
        await delegate.receive()

    clock.set(local(5, 21, 0))  # down at 17:30, back the same evening
    async with running_app(settings, clock, ClockScheduler(clock)) as app:
        await tick(app)
        assert (await delegate.receive())["text"].startswith("The day's sessions are over.")
