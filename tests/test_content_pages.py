"""Pages built from content only are kept until the content changes, and never longer."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from pathlib import Path

from bot.app import App
from bot.content.pages import KeptPages
from bot.content.service import ContentService
from bot.store.holder import Store
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import DATA_DIR
from tests.fake_bot_api import FakeBotAPI

DAY_ONE_EN = "Day 1: opening, welcome addresses, thematic discussion and delegations' presentations"


class Builds:
    """A page builder that counts its builds and reads the content as a handler does."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.count = 0

    async def __call__(self) -> str:
        self.count += 1
        days = await self.store.programme.days()
        return f"{len(days)} days, build {self.count}"


def renamed(tmp_path: Path) -> Path:
    """The data files with day one renamed in English."""
    data = tmp_path / "renamed"
    shutil.copytree(DATA_DIR, data)
    programme = data / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text.replace('en: "Day 1: opening', 'en: "Day one: opening'), "utf-8")
    return data


def due_recheck(store: Store) -> None:
    store.content_cache._checked_at = float("-inf")  # the once-a-second recheck is due


async def test_a_page_is_built_once_per_key_until_content_is_loaded(
    store: Store, clock: ManualClock
) -> None:
    await ContentService(store, clock).load(DATA_DIR)
    pages, build = KeptPages(store.content_cache), Builds(store)
    assert await pages.get(("days", "en"), build) == "2 days, build 1"
    assert await pages.get(("days", "en"), build) == "2 days, build 1"
    assert await pages.get(("days", "ru"), build) == "2 days, build 2"
    await ContentService(store, clock).load(DATA_DIR)  # the same files, loaded again
    assert await pages.get(("days", "en"), build) == "2 days, build 3"


async def test_a_load_by_another_process_is_noticed(
    tmp_path: Path, store: Store, clock: ManualClock
) -> None:
    await ContentService(store, clock).load(DATA_DIR)
    pages, build = KeptPages(store.content_cache), Builds(store)
    await pages.get("days", build)
    other = await Store.open(tmp_path / "unit.sqlite3")  # `python -m bot load` elsewhere
    try:
        await ContentService(other, clock).load(renamed(tmp_path))
    finally:
        await other.close()
    assert await pages.get("days", build) == "2 days, build 1"  # rechecked once a second
    due_recheck(store)
    assert await pages.get("days", build) == "2 days, build 2"


async def test_a_page_built_while_content_was_loaded_is_not_kept(
    store: Store, clock: ManualClock
) -> None:
    await ContentService(store, clock).load(DATA_DIR)
    pages = KeptPages(store.content_cache)
    building, loaded = asyncio.Event(), asyncio.Event()

    async def slow() -> str:
        building.set()
        await loaded.wait()  # the load lands after the build began
        return "built from the old content"

    page = asyncio.create_task(pages.get("days", slow))
    await building.wait()
    await ContentService(store, clock).load(DATA_DIR)
    loaded.set()
    assert await page == "built from the old content"  # this caller asked before the load
    assert await pages.get("days", Builds(store)) == "2 days, build 1"


async def test_forged_keys_cannot_grow_it_past_its_limit(store: Store, clock: ManualClock) -> None:
    await ContentService(store, clock).load(DATA_DIR)
    pages, build = KeptPages(store.content_cache, limit=5), Builds(store)
    for page in range(50):
        await pages.get(("delegations", "en", page), build)
        assert len(pages._pages) <= 5


async def test_readers_see_a_renamed_day_and_a_published_summary_at_once(
    tmp_path: Path, fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    reader = fake.user(3001, language_code="en")
    await reader.send("/agenda")
    assert DAY_ONE_EN[:20] in str((await reader.receive())["reply_markup"])
    await reader.send("/summary")
    assert "Sat, 6 September · not yet published" in str((await reader.receive())["reply_markup"])

    await ContentService(app.store, clock).load(renamed(tmp_path))  # dropped at once
    await reader.send("/agenda")
    assert "Fri, 5 September · Day one: opening" in str((await reader.receive())["reply_markup"])

    office = User(1, "Press office", "en", Role.ORGANISER)
    await app.dispatcher["summaries"].publish(office, "d2", dt.date(2025, 9, 6), "Day two", "…")
    await reader.send("/summary")
    days = str((await reader.receive())["reply_markup"])
    assert "Sat, 6 September" in days
    assert "not yet published" not in days
