"""Issue 23 end to end: a delegate who used every feature gets a copy of all of it, asks
to be forgotten, and afterwards nothing of them is in the store's files (database and
WAL, searched byte by byte); the bot then greets them as someone new."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.app import App
from bot.config import Settings
from bot.store.backup import backup
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.hall_kit import ORGANISER, buttons, say, tap
from tests.privacy_kit import (
    HERS,
    NAME,
    QUESTION,
    ZED,
    found_in_files,
    rate_with_comment,
    traces,
    use_every_feature,
)
from tests.scheduler import ClockScheduler


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


async def test_a_copy_then_erasure_leaves_nothing_in_the_files(
    fake: FakeBotAPI,
    app: App,
    clock: ManualClock,
    scheduler: ClockScheduler,
    settings: Settings,
    tmp_path: Path,
) -> None:
    zed = await use_every_feature(fake, app, clock)
    clock.set(local(5, 10, 30))
    await scheduler.run_due()
    await rate_with_comment(zed)
    assert found_in_files(settings.database_path, traces(ZED, HERS)), "the scenario wrote"

    summary = await say(zed, "/mydata")
    assert summary["text"].startswith("What the bot keeps about you")
    assert f"Name: {NAME}" in summary["text"]
    assert "Role: press" in summary["text"]  # the accreditation made her a journalist
    assert "Questions to the speakers: 1" in summary["text"]
    document = await zed.receive()
    assert document["document"]["file_name"] == "my-data.json"
    copy = json.loads(fake.files[document["document"]["file_id"]])
    assert copy["user_id"] == ZED
    assert copy["tables"]["questions"][0]["text"] == QUESTION
    for table in ("users", "accreditations", "quote_requests", "subscriptions", "feedback"):
        assert copy["tables"][table], table

    ask = await say(zed, "/forget")
    assert buttons(ask) == ["🗑 Yes, erase everything", "Keep my data"]
    kept = await tap(zed, ask, "Keep my data")
    assert kept["text"] == "Nothing was erased."
    assert await app.store.users.exists(ZED)
    ask = await say(zed, "/forget")
    done = await tap(zed, ask, "🗑 Yes, erase everything")
    assert done["text"].startswith("Done: everything the bot kept about you is erased.")

    office = fake.user(ORGANISER)
    told = await office.receive()
    while not told["text"].startswith("🗑"):  # the notices of her application and request
        told = await office.receive()
    assert told["text"].startswith("🗑 An accredited journalist asked the bot to erase")
    assert await app.store.privacy.rows_of(ZED) == {}
    assert found_in_files(settings.database_path, traces(ZED, HERS)) == {}
    later = await backup(settings.database_path, tmp_path / "later.sqlite3")
    assert found_in_files(later.path, traces(ZED, HERS)) == {}, "a backup made afterwards"
    ratings = await app.store.feedback.rating_counts()
    assert [count for _session, _rating, count in ratings] == [1]  # kept, unlinked

    again = await say(zed, "/start")
    assert again["text"].startswith(f"Hello, {NAME}!")
    press = await say(zed, "/press")
    assert "🪪 Apply for accreditation" in buttons(press)
