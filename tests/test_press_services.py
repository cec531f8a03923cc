"""The press centre's rules without Telegram: inputs, storage, idempotent publishing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.content.service import ContentService
from bot.forms.input import (
    NAME,
    InputRejectedError,
    Problem,
    clean,
    clean_contact,
    parse_moment,
)
from bot.press.accreditation import ApplyOutcome
from bot.press.values import AccreditationForm, AccreditationStatus
from bot.store.fsm import SQLiteStorage
from bot.store.holder import Store
from bot.users.access import NotAllowedError
from tests.clock import ManualClock
from tests.conftest import ASHGABAT, DATA_DIR, local
from tests.press_kit import OFFICE, ORGANISER, RecordingOutbox, journalist, press_services


@pytest.fixture
async def loaded(store: Store) -> Store:
    await ContentService(store, ManualClock(local(5, 8))).load(DATA_DIR)
    return store


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (None, Problem.EMPTY),
        ("   ", Problem.EMPTY),
        ("/start", Problem.COMMAND),
        ("Al", Problem.TOO_SHORT),
        ("x" * 101, Problem.TOO_LONG),
    ],
)
def test_typed_answers_are_bounded(text: str | None, problem: Problem) -> None:
    with pytest.raises(InputRejectedError) as caught:
        clean(text, NAME)
    assert caught.value.problem is problem


def test_answers_are_trimmed_and_contacts_checked() -> None:
    assert clean("  Айна   Бердыева ", NAME) == "Айна Бердыева"
    assert clean_contact("+993 (12) 34-56-78") == "+993 (12) 34-56-78"
    assert clean_contact("press@example.org") == "press@example.org"
    for bad in ("12345", "call me maybe", "a@b", "+1 234 567 890 123 456 78"):
        with pytest.raises(InputRejectedError):
            clean_contact(bad)


def test_moments_are_read_in_the_event_zone() -> None:
    now = local(5, 9)
    assert parse_moment("18:30", now, ASHGABAT) == local(5, 18, 30).astimezone(dt.UTC)
    assert parse_moment("08:00", now, ASHGABAT) == local(6, 8).astimezone(dt.UTC)
    assert parse_moment("06.09 10:15", now, ASHGABAT) == local(6, 10, 15).astimezone(dt.UTC)
    for bad in ("25:00", "31.02 10:00", "soon"):
        with pytest.raises(InputRejectedError):
            parse_moment(bad, now, ASHGABAT)


async def test_form_state_survives_a_restart(tmp_path: Path) -> None:
    key = StorageKey(bot_id=1, chat_id=2001, user_id=2001)
    first = await Store.open(tmp_path / "fsm.sqlite3")
    storage = SQLiteStorage(first.db)
    await storage.set_state(key, "ApplyForm:outlet")
    await storage.update_data(key, {"full_name": "Айна Бердыева"})
    await first.close()
    second = await Store.open(tmp_path / "fsm.sqlite3")
    try:
        storage = SQLiteStorage(second.db)
        assert await storage.get_state(key) == "ApplyForm:outlet"
        assert await storage.get_data(key) == {"full_name": "Айна Бердыева"}
        await storage.set_state(key, None)
        await storage.set_data(key, {})
        assert await storage.get_state(key) is None
        assert await storage.get_data(key) == {}
    finally:
        await second.close()


async def test_a_user_who_never_filled_a_form_costs_no_read(tmp_path: Path) -> None:
    """The keys holding a state are read once; other users' first updates read nothing."""
    held = StorageKey(bot_id=1, chat_id=2001, user_id=2001)
    first = await Store.open(tmp_path / "fsm.sqlite3")
    await SQLiteStorage(first.db).set_state(held, "ApplyForm:outlet")
    await first.close()
    second = await Store.open(tmp_path / "fsm.sqlite3")
    statements: list[str] = []
    await second.db.conn.set_trace_callback(statements.append)
    try:
        storage = SQLiteStorage(second.db)
        for user in range(3000, 3050):
            assert await storage.get_state(StorageKey(1, user, user)) is None
        assert len(storage._cache) == 0  # nor any memory
        assert await storage.get_state(held) == "ApplyForm:outlet"
        await storage.set_state(StorageKey(1, 3001, 3001), "ApplyForm:name")
        assert await SQLiteStorage(second.db).get_state(StorageKey(1, 3001, 3001)) == (
            "ApplyForm:name"
        )
    finally:
        await second.close()
    reads = [s for s in statements if s.startswith("SELECT") and "fsm_states" in s]
    assert len(reads) == 4  # the held keys and one row, then the same for the second storage


async def test_one_open_application_per_journalist(loaded: Store) -> None:
    clock = ManualClock(local(5, 9))
    outbox = RecordingOutbox()
    accreditation = press_services(loaded, clock, outbox).centre.accreditation
    form = AccreditationForm("Jane Doe", "Daily News", "editor", "jane@example.org")
    assert await accreditation.apply(journalist(2001), form) is ApplyOutcome.CREATED
    assert await accreditation.apply(journalist(2001), form) is ApplyOutcome.PENDING
    assert len(await accreditation.pending(OFFICE)) == 1
    assert outbox.to(ORGANISER) == [("press.application", "1")]


async def test_publishing_twice_and_running_the_job_twice_notify_once(loaded: Store) -> None:
    clock = ManualClock(local(5, 9))
    outbox = RecordingOutbox()
    press = press_services(loaded, clock, outbox)
    publishing = press.centre.publishing
    form = AccreditationForm("Jane Doe", "Daily News", "editor", "jane@example.org")
    await loaded.accreditations.apply(2001, form, clock.now())
    application = await loaded.accreditations.latest_for(2001)
    assert application is not None
    await loaded.accreditations.decide(
        application.id, AccreditationStatus.APPROVED, ORGANISER, clock.now()
    )
    await press.summaries.subscribe(2002, True)
    embargo = local(5, 12).astimezone(dt.UTC)
    for _tap in range(2):
        release = await publishing.publish_release(
            OFFICE, "draft1", "Statement", "Body of the statement.", embargo
        )
    assert len(await publishing.releases_for(2001)) == 1
    assert await publishing.releases_for(2002) == []
    assert await publishing.release_for(2002, release.id) is None
    assert outbox.to(2001) == [("press.release", str(release.id))]
    assert outbox.to(2002) == [("press.summary", "2025-09-05:data")]

    clock.set(local(5, 12))
    assert await publishing.release_due_embargoes(clock.now()) == 2
    assert await publishing.release_due_embargoes(clock.now()) == 0
    await publishing.run_due()
    assert ("press.release", str(release.id)) in outbox.to(2002)
    assert ("press.embargo_lifted", str(release.id)) in outbox.to(2001)
    assert await publishing.release_for(2002, release.id) == release


async def test_a_load_keeps_what_organisers_published_from_chat(loaded: Store) -> None:
    clock = ManualClock(local(5, 9))
    press = press_services(loaded, clock)
    publishing = press.centre.publishing
    await publishing.publish_release(OFFICE, "draft2", "From chat", "Written in the bot.", None)
    await press.summaries.publish(
        OFFICE, "draft3", dt.date(2025, 9, 6), "Day two", "What happened on day two."
    )
    report = await ContentService(loaded, clock).load(DATA_DIR)
    assert not report.changed
    titles = [r.title.en for r in await publishing.releases_for(ORGANISER)]
    assert "From chat" in titles
    summary = await press.summaries.for_day(dt.date(2025, 9, 6))
    assert summary is not None
    assert summary.title.en == "Day two"


async def test_only_organisers_publish(loaded: Store) -> None:
    clock = ManualClock(local(5, 9))
    publishing = press_services(loaded, clock).centre.publishing
    with pytest.raises(NotAllowedError):
        await publishing.publish_release(journalist(2001), "d", "Title", "Body text.", None)
    assert await publishing.releases_for(ORGANISER) == []
