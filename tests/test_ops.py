"""Flood control, input bounds, /stats, backup and CSV export."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import shutil
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.__main__ import main
from bot.app import App
from bot.config import Settings
from bot.content.service import ContentService
from bot.stats.exports import EXPORTS, write_csv
from bot.store.backup import backup
from bot.store.database import migration_scripts
from bot.store.holder import Store
from bot.telegram import limits, throttling
from bot.telegram.throttling import Verdict
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.fake_bot_api import FakeBotAPI

ORGANISER = 900001


@pytest.fixture
async def strict_app(settings: Settings, clock: ManualClock) -> AsyncIterator[App]:
    """The bot with production flood control: 3 updates at once, then 10 s of silence."""
    strict = settings.model_copy(update={"flood_burst": 3, "flood_rate": 1.0})
    async with await App.create(strict, clock) as running:
        polling = asyncio.create_task(running.run_polling(handle_signals=False))
        try:
            yield running
        finally:
            await running.dispatcher.stop_polling()
            await asyncio.wait_for(polling, timeout=10)


async def test_flooder_is_told_once_then_ignored_others_unaffected(
    fake: FakeBotAPI, strict_app: App, clock: ManualClock
) -> None:
    flooder = fake.user(5001, language_code="en")
    for _ in range(8):
        await flooder.send("/help")
    replies = [(await flooder.receive())["text"] for _ in range(4)]
    await flooder.expect_nothing(0.3)
    assert sum(text.startswith("What I can do") for text in replies) == 3
    assert sum(text.startswith("Please slow down") for text in replies) == 1

    other = fake.user(5002, language_code="en")
    await other.send("/help")
    assert (await other.receive())["text"].startswith("What I can do")

    clock.advance(dt.timedelta(seconds=11))
    await flooder.send("/help")
    assert (await flooder.receive())["text"].startswith("What I can do")


async def test_organisers_are_never_throttled(fake: FakeBotAPI, strict_app: App) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    for _ in range(6):
        await organiser.send("/help")
    for _ in range(6):
        assert (await organiser.receive())["text"].startswith("What I can do")


async def test_text_over_the_bound_is_refused_with_the_numbers(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(5003, language_code="en")
    await user.send("x" * (limits.DEFAULT_TEXT + 1))
    reply = await user.receive()
    assert reply["text"].startswith(f"Your message is {limits.DEFAULT_TEXT + 1} characters long")
    assert str(limits.DEFAULT_TEXT) in reply["text"]
    await user.send("x" * limits.DEFAULT_TEXT)
    assert (await user.receive())["text"].startswith("I answer commands and buttons.")


async def test_stats_for_organisers_refusal_for_others(fake: FakeBotAPI, app: App) -> None:
    guest = fake.user(5004, language_code="ru")
    await guest.send("/stats")
    assert (await guest.receive())["text"] == "Статистика доступна только организаторам."
    organiser = fake.user(ORGANISER, language_code="en")
    await organiser.send("/stats")
    text = (await organiser.receive())["text"]
    assert "Users by role\n• guests: 1\n• delegates: 0\n• press: 0\n• organisers: 1" in text
    assert "Users by language\n• English: 1\n• Russian: 1" in text
    assert "• users in all: 2" in text
    assert "• sessions: " in text
    assert "• delegations: 11" in text


async def test_backup_is_consistent_while_another_connection_writes(
    store: Store, tmp_path: Path
) -> None:
    """Each write adds two users in one transaction: a torn copy would hold an odd count."""
    now = local(5, 9)
    for i in range(0, 4000, 2):
        await store.users.touch(i, "a", None, None, now)
        await store.users.touch(i + 1, "b", None, None, now)
    stop = asyncio.Event()
    written = 0

    async def writer() -> None:
        nonlocal written
        next_id = 10_000
        while not stop.is_set():
            await store.conn.execute("BEGIN IMMEDIATE")
            for offset in (0, 1):
                await store.conn.execute(
                    "INSERT INTO users (id, first_name, first_seen, last_seen)"
                    " VALUES (?, 'w', '', '')",
                    (next_id + offset,),
                )
            await store.conn.commit()
            next_id += 2
            written += 1

    task = asyncio.create_task(writer())
    try:
        await asyncio.sleep(0.05)
        report = await backup(tmp_path / "unit.sqlite3", tmp_path / "copy.sqlite3")
        await asyncio.sleep(0.05)
    finally:
        stop.set()
        await task
    assert written > 0
    copy = sqlite3.connect(report.path)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = copy.execute("SELECT count(*) FROM users").fetchone()[0]
    finally:
        copy.close()
    assert count >= 4000
    assert count % 2 == 0
    assert report.schema_version == len(migration_scripts())
    assert not (tmp_path / "copy.sqlite3.part").exists()


async def test_export_users_as_csv(store: Store) -> None:
    await store.users.touch(7, "Айна, «Ашхабад»", "aina", "ru", local(5, 9))
    out = io.StringIO()
    assert await write_csv(EXPORTS["users"], store, out) == 1
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0][:3] == ["telegram_id", "first_name", "username"]
    assert rows[1][:5] == ["7", "Айна, «Ашхабад»", "aina", "", "ru"]


def test_cli_export_and_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "bot.sqlite3"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_PATH", str(database))
    assert main(["export", "--list"]) == 0
    assert capsys.readouterr().out.startswith("users")
    assert main(["export", "users", "--out", str(tmp_path / "users.csv")]) == 0
    # Telegram ids only when asked for (issue 23).
    assert (tmp_path / "users.csv").read_bytes().startswith(b"\xef\xbb\xbffirst_name,")
    assert main(["export", "users", "--with-ids", "--out", str(tmp_path / "users.csv")]) == 0
    assert (tmp_path / "users.csv").read_bytes().startswith(b"\xef\xbb\xbftelegram_id,")
    assert main(["export", "nope"]) == 1
    (tmp_path / "backups").mkdir()
    assert main(["backup", str(tmp_path / "backups")]) == 0
    [copy] = (tmp_path / "backups").iterdir()
    assert copy.name.startswith("event-desk-")
    assert "integrity ok" in capsys.readouterr().out


async def test_content_reads_are_cached_shared_and_dropped_on_a_load(
    tmp_path: Path, clock: ManualClock
) -> None:
    store = await Store.open(tmp_path / "cache.sqlite3")
    other = await Store.open(tmp_path / "cache.sqlite3")  # like `python -m bot load`
    try:
        await ContentService(store, clock).load(DATA_DIR)
        loads = 0
        real = store.programme._days

        async def counted() -> list[Any]:
            nonlocal loads
            loads += 1
            return await real()

        store.programme._days = counted  # type: ignore[method-assign]
        results = await asyncio.gather(*(store.programme.days() for _ in range(50)))
        assert loads == 1, "concurrent readers share one query"
        assert all(r == results[0] for r in results)

        edited = tmp_path / "data"
        shutil.copytree(DATA_DIR, edited)
        programme = edited / "programme.yaml"
        text = programme.read_text(encoding="utf-8")
        programme.write_text(text.replace("День 1: открытие", "День 1: начало"), "utf-8")
        await ContentService(other, clock).load(edited)
        store.content_cache._checked_at = float("-inf")  # as if a second had passed
        assert (await store.programme.days())[0].title.ru.startswith("День 1: начало")
        assert loads == 2
    finally:
        await other.close()
        await store.close()


def test_flood_control_forgets_idle_users_and_lets_them_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(throttling, "TRACKED_USERS", 100)
    flood = throttling.FloodControl(ManualClock(local(5, 9)), rate=1.0, burst=2, cooldown=10)
    assert [flood.verdict(1, "default", 0.0) for _ in range(4)] == [
        Verdict.PASS,
        Verdict.PASS,
        Verdict.WARN,
        Verdict.IGNORE,
    ]
    assert flood.verdict(1, "search", 0.0) is Verdict.PASS, "another key, another bucket"
    assert flood.verdict(1, "default", 10.5) is Verdict.PASS, "the cooldown is over"
    for user in range(2, 300):
        flood.verdict(user, "default", 100.0 + user)
    assert len(flood._buckets) < 300, "idle buckets are forgotten"


def test_webhook_mode_needs_its_public_url_and_secret(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", "123456:AAEventDeskTestToken-0123456789abc")
    assert main(["run", "--webhook"]) == 2
    assert "WEBHOOK_PUBLIC_URL and WEBHOOK_SECRET" in capsys.readouterr().err
    monkeypatch.setenv("WEBHOOK_SECRET", "not allowed!")
    assert main(["run"]) == 2
    assert "WEBHOOK_SECRET is invalid" in capsys.readouterr().err
