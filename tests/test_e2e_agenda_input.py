"""Issue 10: forged buttons with ids SQLite cannot hold, and a place named twice."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from bot.app import App
from tests.fake_bot_api import FakeBotAPI
from tests.test_e2e_foundation import button_starting

PAST_64_BITS = "99999999999999999999999"
BELOW_MINUS_2_63 = str(-(2**63) - 1)

FORGED = [
    f"ics:{PAST_64_BITS}",
    f"ics:{BELOW_MINUS_2_63}",
    f"ag:s::{PAST_64_BITS}:0",
    f"ag:sb::{PAST_64_BITS}:0",
    f"ag:s::{BELOW_MINUS_2_63}:0",
    f"ag:day:20250905::{PAST_64_BITS}",
    f"dl:one:0:{PAST_64_BITS}",
    f"dl:one:0:{BELOW_MINUS_2_63}",
    f"dl:one:{PAST_64_BITS}:1",
    f"dl:list:{PAST_64_BITS}:0",
]


async def test_ids_past_64_bits_answer_out_of_date_and_change_nothing(
    fake: FakeBotAPI, app: App
) -> None:
    user = fake.user(1101, language_code="en")
    await user.send("/agenda")
    days = await user.receive()
    for data in FORGED:
        query = await user.press(days, data=data)
        answer = await user.wait_answer(query)
        assert answer.get("show_alert") is True, data
        assert answer["text"].startswith("This button is out of date."), (data, answer)
    await user.expect_nothing()
    assert fake.chat_messages(1101)[-1]["text"] == days["text"], "nothing was changed"
    assert fake.calls_to("sendDocument") == [], "no calendar file was sent"


@pytest.mark.parametrize(
    ("language", "day", "place"),
    [
        ("ru", "Пт, 5 сентября", "конференц-зал отеля «Арчабиль»"),
        ("en", "Fri, 5 September", "conference hall, Archabil Hotel"),
    ],
    ids=["ru", "en"],
)
async def test_a_room_that_is_the_venue_is_named_once(
    fake: FakeBotAPI, app: App, language: str, day: str, place: str
) -> None:
    user = fake.user(1103, language_code=language)
    await user.send("/agenda")
    days = await user.receive()
    await user.press(days, button_starting(days, day))
    listing = await user.receive()
    await user.press(listing, button_starting(listing, "10:00"))
    detail = await user.receive()
    where = [line for line in detail["text"].splitlines() if line.startswith("📍")]
    assert where == [f"📍 {place}"]
    await user.press(detail, button_starting(detail, "🗓"))
    sent = await user.receive()
    entry = Calendar.from_ical(fake.files[sent["document"]["file_id"]]).walk("VEVENT")[0]
    assert str(entry["LOCATION"]) == place
