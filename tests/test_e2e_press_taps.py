"""Taps the press centre must survive: a double tap, and forged ids past 64 bits."""

from __future__ import annotations

from typing import Any

import pytest

from bot.app import App
from bot.config import Settings
from bot.users.values import Role
from tests.fake_bot_api import FakeBotAPI
from tests.press_kit import snapshot
from tests.test_e2e_press import accredited, organiser, refused, say

Message = dict[str, Any]
HUGE = "9" * 25


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """No 1 s pause between two notices to one chat."""
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


async def test_a_double_tap_on_a_deadline_registers_one_request(fake: FakeBotAPI, app: App) -> None:
    office = await organiser(fake)
    deputy = fake.user(2111, first_name="Deputy", language_code="en")
    await say(deputy, "/start")
    await app.store.users.set_role(2111, Role.ORGANISER, None)
    journalist = await accredited(app, fake, 2110)
    start = await say(journalist, "/ask")
    await journalist.press(start, "The organisers")
    await journalist.receive()
    step3 = await say(journalist, "When is the final communiqué published?")

    # Both presses are in Telegram's queue before the bot has answered the first.
    first = await journalist.press(step3, "in 3 h")
    second = await journalist.press(step3, "in 3 h")
    answers = [await journalist.wait_answer(query) for query in (first, second)]

    registered = await journalist.receive()
    assert registered["text"].startswith("Your request No. 1 is registered")
    await journalist.expect_nothing()
    assert answers[1].get("show_alert") is True
    assert answers[1]["text"] == "This form is no longer open. Start again with /ask."
    assert len(await app.store.quote_requests.of_journalist(2110)) == 1
    for person in (office, deputy):
        notice = await person.receive()
        assert notice["text"].startswith("📨 New quote request")
        await person.expect_nothing()


async def test_forged_ids_past_64_bits_are_out_of_date_and_change_nothing(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    reader = fake.user(2120, language_code="en")
    listing = await say(reader, "/releases")
    queue = await say(office, "/queue")
    before = await snapshot(app.store)

    for forged in (f"pr:o:{HUGE}:0", f"pr:d:{HUGE}:0", f"pr:o:-{HUGE}:0", f"qq:t:{HUGE}"):
        assert (await refused(reader, listing, forged)).startswith("This button is out of date")
    for forged in (
        f"pr:o:{HUGE}:0",
        f"qq:o:{HUGE}",
        f"qq:t:{HUGE}",
        f"qq:a:{HUGE}",
        f"qq:d:{HUGE}",
        f"acc:{HUGE}:ok",
    ):
        assert (await refused(office, queue, forged)).startswith("This button is out of date")

    assert await snapshot(app.store) == before
    await office.expect_nothing()
    await reader.expect_nothing()


async def test_everyone_but_the_organisers_is_refused_once_at_their_commands_and_buttons(
    fake: FakeBotAPI, app: App
) -> None:
    guest = fake.user(2130, language_code="en")
    listing = await say(guest, "/press")
    for command in ("/publish", "/publish_summary", "/applications", "/queue"):
        assert (await say(guest, command))["text"] == "Only the organisers can do this."
    for forged in ("psn", "spub:abc:1", "psd:20250906", "pub:abc:y", "pne:abc", "pm:queue"):
        assert (await refused(guest, listing, forged)) == "Only the organisers can do this."
    assert await app.store.press_releases.published(app.clock.now(), include_embargoed=True) == []
    await guest.expect_nothing()
