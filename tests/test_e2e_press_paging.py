"""/requests, /queue and the quote bank page to the end: 45 items each, every one reachable."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from bot.app import App
from bot.config import Settings
from bot.content.models import Text
from bot.press.values import TargetKind
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser
from tests.test_e2e_press import accredited, button_starting, buttons, organiser, refused, say

Message = dict[str, Any]
COUNT = 45


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


async def requests_of(app: App, journalist: int, count: int) -> None:
    """``count`` requests behind the scenes, No. 1 the oldest, each question ~250 characters."""
    label = Text(ru="Организаторы", en="The organisers")
    for number in range(1, count + 1):
        question = f"Question number {number}: " + "what will the societies do next? " * 7
        await app.store.quote_requests.add(
            journalist,
            TargetKind.ORGANISERS,
            None,
            label,
            question.strip(),
            local(6, 18),
            local(5, 8) + dt.timedelta(seconds=number),
        )


async def walk(user: FakeUser, first: Message) -> list[Message]:
    """Every page from ``first`` on, pressing › until there is none."""
    pages = [first]
    while "›" in buttons(pages[-1]):
        await user.press(pages[-1], "›")
        pages.append(await user.receive())
    return pages


async def test_my_requests_page_to_the_oldest(fake: FakeBotAPI, app: App) -> None:
    journalist = await accredited(app, fake, 2501)
    await requests_of(app, 2501, COUNT)
    pages = await walk(journalist, await say(journalist, "/requests"))
    assert len(pages) > 2
    assert pages[0]["text"].startswith(f"My quote requests · 1/{len(pages)}")
    seen = [int(n) for page in pages for n in re.findall(r"Request No\. (\d+)", page["text"])]
    assert seen == list(range(COUNT, 0, -1)), "newest first, each once, down to No. 1"
    assert "‹" in buttons(pages[-1])
    assert "« Press centre" in buttons(pages[-1])
    await journalist.press(pages[-1], "‹")
    assert (await journalist.receive())["text"] == pages[-2]["text"]
    past_the_end = await journalist.wait_answer(await journalist.press(pages[0], data="qm:999"))
    assert "show_alert" not in past_the_end or not past_the_end["show_alert"]
    assert (await journalist.receive())["text"] == pages[-1]["text"]
    other = await accredited(app, fake, 2502)
    assert (await say(other, "/requests"))["text"].startswith("You have no quote requests yet.")


async def test_the_press_queue_pages_to_the_newest_and_opens_from_the_last_page(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    await accredited(app, fake, 2510)
    await requests_of(app, 2510, COUNT)
    pages = await walk(office, await say(office, "/queue"))
    assert len(pages) == 5
    assert pages[0]["text"].startswith("Press queue: open requests, oldest first · 1/5")
    seen = [int(n) for page in pages for n in re.findall(r"^No\. (\d+) ·", page["text"], re.M)]
    assert seen == list(range(1, COUNT + 1))
    await office.press(pages[-1], button_starting(pages[-1], f"No. {COUNT} ·"))
    detail = await office.receive()
    assert detail["text"].startswith(f"Request No. {COUNT}")
    assert "🙋 Take" in buttons(detail)

    journalist = fake.user(2511, language_code="en")
    listing = await say(journalist, "/press")
    assert await refused(journalist, listing, "qqp:1") == "Only the organisers can do this."
    assert (await refused(office, listing, "qqp:99999999")).startswith("This button is out of")


async def test_the_quote_bank_pages_speakers_and_their_quotes_to_the_end(
    fake: FakeBotAPI, app: App
) -> None:
    bank = app.store.quote_bank
    for number in range(1, COUNT + 1):
        await app.store.db.execute(
            "INSERT INTO people (key, name, role, attendance, position) VALUES (?, ?, ?, ?, ?)",
            (
                f"speaker-{number}",
                f'{{"ru": "Спикер {number:02d}", "en": "Speaker {number:02d}"}}',
                '{"ru": "делегат", "en": "delegate"}',
                "in_person",
                100 + number,
            ),
        )
        text = Text(ru=f"Цитата {number}", en=f"Quote number {number}: " + "words " * 50)
        source = Text(ru="Беседа", en="Interview")
        await bank.add_from_chat(
            f"p{number}", f"speaker-{number}", text, local(5, 9).date(), source
        )
        await bank.add_from_chat(f"m{number}", "maral-achilova", text, local(5, 9).date(), source)
    app.store.content_cache.invalidate()

    reader = fake.user(2520, language_code="en")
    home = await say(reader, "/quotes")
    await reader.press(home, "By speaker")
    lists = await walk(reader, await reader.receive())
    names = [b for page in lists for b in buttons(page) if b.startswith("Speaker ")]
    assert names == [f"Speaker {n:02d} (1)" for n in range(1, COUNT + 1)]
    assert lists[-1]["text"].startswith(f"Quote bank — choose: · {len(lists)}/{len(lists)}")

    await reader.press(lists[-1], "« Quote bank")
    await reader.press(await reader.receive(), "By speaker")
    first = await reader.receive()
    await reader.press(first, f"Maral Achilova ({COUNT + 1})")
    quotes = await walk(reader, await reader.receive())
    assert len(quotes) > 2
    texts = " ".join(page["text"] for page in quotes)
    assert all(f"Quote number {n}:" in texts for n in range(1, COUNT + 1))
    assert "We face an important task" in quotes[0]["text"]
    assert "« Back" in buttons(quotes[-1])
