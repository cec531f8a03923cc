"""/venue, the «📍 Venue» button and a session's hall, end to end over the fake Bot API."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from bot.app import App
from bot.config import Settings
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, running_app
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser
from tests.scheduler import ClockScheduler

JSONDict = dict[str, Any]


def buttons(message: JSONDict) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


def button_starting(message: JSONDict, prefix: str) -> str:
    found = [text for text in buttons(message) if text.startswith(prefix)]
    assert found, f"no button starting with {prefix!r} in {buttons(message)}"
    return found[0]


async def tap(user: FakeUser, message: JSONDict, text: str) -> JSONDict:
    await user.press(message, text)
    return await user.receive()


async def first_session_page(user: FakeUser, day: str) -> JSONDict:
    await user.send("/agenda")
    days = await user.receive()
    day_page = await tap(user, days, button_starting(days, day))
    return await tap(user, day_page, button_starting(day_page, "10:00"))


async def test_venue_sends_the_pin_then_the_overview_in_russian(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(4001, language_code="ru")
    await user.send("/venue")
    pin = await user.receive()
    venue = pin["venue"]
    assert venue["title"] == "Отель «Арчабиль»"
    assert venue["address"] == "проспект Арчабиль, Ашхабад, Туркменистан"
    assert venue["location"] == pytest.approx({"latitude": 37.8868, "longitude": 58.3630})
    overview = await user.receive()
    text = overview["text"]
    assert text.startswith("📍 Место проведения\nОтель «Арчабиль»")
    assert "Адрес и точка на карте указаны приблизительно." in text
    assert "🕘 Местное время: 09:00, пятница, 5 сентября (ашхабадское время, UTC+5)" in text
    assert "Стойка помощи оргкомитета (уточняется)" in text
    assert "Скорая помощь: 03 (уточняется)" in text
    assert buttons(overview) == [
        "🗺 Точка на карте",
        "🏛 Залы",
        "🏨 Отель",
        "🚌 Транспорт",
        "📶 Wi-Fi",
        "« Меню",
    ]


async def test_the_menu_button_and_every_section_in_english(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(4002, language_code="en")
    await user.send("/start")
    menu = await user.receive()
    overview = await tap(user, menu, "📍 Venue")
    assert overview["message_id"] == menu["message_id"], "the menu is edited, not re-sent"
    assert overview["text"].startswith("📍 Venue\nArchabil Hotel")
    assert "Ambulance: 03 (to be confirmed)" in overview["text"]
    halls = await tap(user, overview, "🏛 Halls")
    hall = await tap(user, halls, "Conference hall")
    assert hall["text"].startswith("🏛 Conference hall (to be confirmed)\nFollow the signs")
    assert "Sessions here (Ashgabat time, UTC+5)" in hall["text"]
    assert "Fri, 5 September, 10:00–10:30 Opening of the meeting" in hall["text"]
    assert "« Halls" in buttons(hall)
    await user.press(hall, "🗺 Map pin")
    assert (await user.receive())["venue"]["title"] == "Archabil Hotel"
    back = await tap(user, hall, "« Halls")
    overview = await tap(user, back, "« Venue")
    hotel = await tap(user, overview, "🏨 Hotel")
    assert "The source does not say where the delegations stay" in hotel["text"]
    overview = await tap(user, hotel, "« Venue")
    transport = await tap(user, overview, "🚌 Transport")
    assert "From the airport (to be confirmed)" in transport["text"]
    overview = await tap(user, transport, "« Venue")
    wifi = await tap(user, overview, "📶 Wi-Fi")
    assert "Network: Archabil-Conference" in wifi["text"]
    assert [(e["type"], e["length"]) for e in wifi["entities"]][-2:] == [("code", 19), ("code", 15)]
    home = await tap(user, await tap(user, wifi, "« Venue"), "« Menu")
    assert home["text"].startswith("Hello")


async def test_a_sessions_page_leads_to_its_hall_and_back(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(4003, language_code="ru")
    session = await first_session_page(user, "Сб, 6 сентября")
    hall = await tap(user, session, "📍 Где это")
    assert hall["message_id"] == session["message_id"]
    assert hall["text"].startswith("🏛 Конференц-зал")
    assert buttons(hall)[-1] == "« Назад к сессии"
    assert (await tap(user, hall, "« Назад к сессии"))["text"] == session["text"]


async def test_forged_and_stale_venue_buttons_change_nothing(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(4004, language_code="en")
    await user.send("/venue")
    await user.receive()
    overview = await user.receive()
    forged = {
        "vn:hall:no-such-hall:0": "This button is out of date. Send /venue for a fresh one.",
        "vn:hall:" + "x" * 50 + ":0": "This button is out of date. Send /venue for a fresh one.",
        "vn:sh::123456": "This session is no longer in the programme: see /agenda.",
        "vn:sh::" + "9" * 25: "This button is out of date. Send /start for a fresh menu.",
        f"vn:sh::{2**63}": "This button is out of date. Send /start for a fresh menu.",
        "vn:nowhere::0": "This button is out of date. Send /start for a fresh menu.",
    }
    for data, expected in forged.items():
        answer = await user.wait_answer(await user.press(overview, data=data))
        assert (answer["text"], answer.get("show_alert")) == (expected, True), data
    await user.expect_nothing()


@pytest.fixture
def bare_data(tmp_path: Path) -> Path:
    """The meeting's data without practical.yaml."""
    directory = tmp_path / "data"
    shutil.copytree(DATA_DIR, directory)
    (directory / "practical.yaml").unlink()
    return directory


async def test_without_practical_information_the_venue_says_so(
    fake: FakeBotAPI,
    settings: Settings,
    bare_data: Path,
    clock: ManualClock,
    scheduler: ClockScheduler,
) -> None:
    async with running_app(settings.model_copy(update={"data_dir": bare_data}), clock, scheduler):
        user = fake.user(4005, language_code="en")
        await user.send("/venue")
        reply = await user.receive()
        assert reply["text"] == "Practical information about the venue has not been published yet."
        session = await first_session_page(user, "Fri, 5 September")
        answer = await user.wait_answer(await user.press(session, "📍 Where is it"))
        assert answer["text"] == reply["text"]
        # Published while the bot runs: picked up without a restart; a room it does
        # not name gets the venue and a pointer to the help desk.
        practical = (DATA_DIR / "practical.yaml").read_text(encoding="utf-8")
        (bare_data / "practical.yaml").write_text(
            practical.replace("ru: конференц-зал отеля «Арчабиль»", "ru: Зал Б").replace(
                "en: conference hall, Archabil Hotel", "en: Hall B"
            ),
            encoding="utf-8",
        )
        await user.press(session, "📍 Where is it")
        place = await user.receive()
        assert place["text"].startswith("Opening of the meeting\n📍 Room: conference hall")
        assert "Ask at the organisers' help desk how to find this room." in place["text"]
