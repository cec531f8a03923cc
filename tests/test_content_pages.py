"""Pages built from content only are kept until the content changes, and never longer."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from collections.abc import Hashable
from dataclasses import replace
from pathlib import Path

from bot.agenda.service import AgendaService
from bot.app import App
from bot.content.pages import KeptPages
from bot.content.service import ContentService
from bot.i18n.catalogues import build_i18n
from bot.store.holder import Store
from bot.users.values import Role, User
from handlers.agenda.views import (
    Frame,
    View,
    day_moment,
    day_view,
    session_moment,
    session_view,
)
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.fake_bot_api import FakeBotAPI
from tests.test_e2e_foundation import button_starting, buttons

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
        assert len(await pages.current()) <= 5


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


async def test_a_kept_programme_page_is_the_page_built_at_that_moment(
    store: Store, clock: ManualClock
) -> None:
    """Every minute around the meeting, pages with one key are one page: the keys name
    everything of the time the pages show (a session on now, over, its questions)."""
    await ContentService(store, clock).load(DATA_DIR)
    agenda = AgendaService(store, clock)
    days = await agenda.days()
    event, zone = await agenda.event(), await agenda.zone()
    by_key: dict[Hashable, View] = {}
    checked = 0
    now = dt.datetime(2025, 9, 4, 23, tzinfo=dt.UTC)
    i18n = build_i18n("ru")
    with i18n.context():
        while now < dt.datetime(2025, 9, 6, 19, tzinfo=dt.UTC):
            for language in ("ru", "en"):
                with i18n.use_locale(language):
                    for day in days:
                        found = await agenda.day(day.date)
                        assert found is not None
                        sessions = found[1]
                        frame = Frame(event, now, zone, language)
                        key: Hashable = ("day", day.date, language, day_moment(frame, sessions))
                        page = day_view(frame, day, sessions, 0)
                        assert by_key.setdefault(key, page) == page, (key, now)
                        for session in sessions:
                            press = replace(frame, for_press=True)
                            key = ("session", session.id, language, session_moment(press, session))
                            page = session_view(press, session, organiser=True)
                            assert by_key.setdefault(key, page) == page, (key, now)
                            checked += 1
            now += dt.timedelta(minutes=1)
    assert checked > 10_000
    assert len(by_key) > 50  # the moments do change through the meeting


async def test_kept_session_pages_are_never_shown_to_the_wrong_reader(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    """The organiser's «Change», the press's access line and a reader's own «Remind me»
    state stay theirs, whoever opened the same session first."""
    clock.set(local(5, 8))
    office = fake.user(900001, first_name="Press office", language_code="en")
    delegate = fake.user(3002, language_code="en")
    journalist = fake.user(3003, language_code="en")
    await journalist.send("/start")
    await journalist.receive()
    await app.store.users.set_role(3003, Role.PRESS, None)  # accredited (tested elsewhere)
    pages = []
    for reader in (office, journalist, delegate, office):
        await reader.send("/agenda")
        days = await reader.receive()
        await reader.press(days, button_starting(days, "Fri, 5 September"))
        day = await reader.receive()
        await reader.press(day, button_starting(day, "10:00–10:30"))
        pages.append(await reader.receive())
    seen_by_office, seen_by_press, seen_by_delegate, office_again = pages
    assert "✏️ Change" in buttons(seen_by_office)
    assert "✏️ Change" in buttons(office_again)
    assert "✏️ Change" not in buttons(seen_by_press) + buttons(seen_by_delegate)
    assert "🎙 Open to the press" in seen_by_office["text"]
    assert "🎙 Open to the press" in seen_by_press["text"]
    assert "🎙 Open to the press" not in seen_by_delegate["text"]

    await delegate.press(seen_by_delegate, button_starting(seen_by_delegate, "🔔"))
    followed = await delegate.receive()
    await journalist.press(seen_by_press, "« Back to the day")
    day = await journalist.receive()
    await journalist.press(day, button_starting(day, "10:00–10:30"))
    assert buttons(await journalist.receive()) == buttons(seen_by_press)  # not the delegate's
    assert buttons(followed) != buttons(seen_by_delegate)
    await delegate.press(followed, "« Back to the day")
    day = await delegate.receive()
    await delegate.press(day, button_starting(day, "10:00–10:30"))
    assert buttons(await delegate.receive()) == buttons(followed)  # their own, not the kept one
