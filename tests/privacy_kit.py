"""What the personal-data tests share: a delegate who used every feature, and a search of
the store's raw files (the database and its WAL) for anything of theirs."""

from __future__ import annotations

from pathlib import Path

from bot.app import App
from bot.calendar_feeds.repository import CalendarFeedRepository
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser
from tests.hall_kit import ORGANISER, open_session, say, tap

ZED = 5_987_654_321
"""Above 2^32: SQLite stores it in six bytes, a pattern chance does not make."""
NAME = "Zephyrine"
FULL_NAME = "Zephyrine Quillfeather"
USERNAME = "zquillfeather"
PHONE = "+993 61 777123"
OUTLET = "Quillfeather Gazette"
QUESTION = "Will the marmalade volunteers of Zanzibar join the plan?"
QUOTE_QUESTION = "What does the zebra fund pay for in the societies?"
COMMENT = "Splendid opening, thank you"
HERS = (NAME, USERNAME, FULL_NAME, PHONE, OUTLET, QUESTION, QUOTE_QUESTION, COMMENT)


def varint(value: int) -> bytes:
    """SQLite's variable-length integer (rowids in a b-tree cell)."""
    if value <= 0x7F:
        return bytes([value])
    groups = []
    while value:
        groups.append(value & 0x7F)
        value >>= 7
    groups.reverse()
    return bytes(g | 0x80 for g in groups[:-1]) + bytes([groups[-1]])


def traces(user_id: int, words: tuple[str, ...]) -> list[bytes]:
    """How the person may appear in the files: each word (UTF-8), the id as text, as a
    record's six-byte integer and as a rowid's varint."""
    return [
        *(word.encode() for word in words),
        str(user_id).encode(),
        user_id.to_bytes(6, "big"),
        varint(user_id),
    ]


def found_in_files(database: Path, wanted: list[bytes]) -> dict[str, list[bytes]]:
    """Which of ``wanted`` occur in the database file or its WAL, by file."""
    found: dict[str, list[bytes]] = {}
    for path in (database, database.with_name(database.name + "-wal")):
        data = path.read_bytes() if path.exists() else b""
        hits = [pattern for pattern in wanted if pattern in data]
        if hits:
            found[path.name] = hits
    return found


async def apply_for_accreditation(fake: FakeBotAPI, user: FakeUser) -> None:
    """The whole form in chat; the organiser approves it from their card."""
    office = fake.user(ORGANISER, first_name="Press office", language_code="en")
    await say(office, "/press")
    menu = await say(user, "/press")
    await tap(user, menu, "🪪 Apply for accreditation")
    await say(user, FULL_NAME)
    await say(user, OUTLET)
    await say(user, "correspondent")
    await say(user, PHONE)
    card = await office.receive()
    assert FULL_NAME in card["text"]
    await tap(office, card, "✅ Approve")
    assert "approved" in (await user.receive())["text"]


async def use_every_feature(fake: FakeBotAPI, app: App, clock: ManualClock) -> FakeUser:
    """Zephyrine: press accreditation, a quote request, a follow, a question, a calendar
    link (rating follows once the session ends: ``rate_with_comment``)."""
    clock.set(local(5, 9, 50))  # questions are taken from ten minutes before
    zed = fake.user(ZED, first_name=NAME, username=USERNAME, language_code="en")
    await say(zed, "/start")
    await apply_for_accreditation(fake, zed)
    start = await say(zed, "/ask")
    people = await tap(zed, start, "A speaker")
    await tap(zed, people, "Maral Achilova")
    step3 = await say(zed, QUOTE_QUESTION)
    assert (await tap(zed, step3, "in 3 h"))["text"].startswith("Your request No. 1")
    page = await open_session(zed)
    page = await tap(zed, page, "🔔 Remind me")
    await tap(zed, page, "❓ Ask a question")
    sign = await say(zed, QUESTION)
    await tap(zed, sign, f"👤 As {NAME}")
    # The calendar link is issued by the Mini App (tests/test_web_calendar.py).
    await CalendarFeedRepository(app.store.db).replace(ZED, "f" * 64, clock.now())
    return zed


async def rate_with_comment(zed: FakeUser) -> None:
    asked = await zed.receive()
    assert "How was it?" in asked["text"]
    rated = await tap(zed, asked, "4 ⭐")
    await tap(zed, rated, "💬 Add a comment")
    assert (await say(zed, COMMENT))["text"] == "Thank you, your comment is saved."
