"""Accountability of embargoes: every early copy of an embargoed release is on record.

Who got the notice and who downloaded a document before the embargo lifted, written in
the transaction of the delivery itself; a failed upload records nothing; the organisers
see the count in /stats and export the record as CSV (formula-safe).
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
from pathlib import Path
from typing import Any

import pytest

from bot.__main__ import main
from bot.app import App
from bot.config import Settings
from bot.press.values import AccreditationForm, AccreditationStatus, EmbargoChannel
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.scheduler import ClockScheduler
from tests.test_e2e_press import ORGANISER, accredited, organiser, refused, say

Message = dict[str, Any]
HUGE = "9" * 25


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


async def embargoed_release(app: App) -> int:
    """A release under embargo until 12:00, published by the office (the form has its tests)."""
    publishing = app.dispatcher["publishing"]
    office = User(ORGANISER, "Press office", "en", Role.ORGANISER)
    release = await publishing.publish_release(
        office, "embargo", "Joint volunteering plan", "The heads agreed on a plan.", local(5, 12)
    )
    return int(release.id)


async def test_notices_and_downloads_before_the_lift_are_recorded_and_nothing_after(
    fake: FakeBotAPI, app: App, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    await organiser(fake)
    first = await accredited(app, fake, 2301)
    second = await accredited(app, fake, 2302, language="ru")
    reader = fake.user(2303, language_code="en")
    listing = await say(reader, "/press")
    release_id = await embargoed_release(app)
    notice = await first.receive()
    await second.receive()

    await first.press(notice, "Read and download")
    opened = await first.receive()
    for label in ("📄 PDF", "📄 Document (.docx)", "📄 PDF"):
        await first.press(opened, label)
        await first.receive()
    for forged in (f"pr:p:{release_id}:0", f"pr:d:{release_id}:0"):
        assert await refused(reader, listing, forged) == "This press release is not available."
    assert (await refused(reader, listing, f"pr:p:{HUGE}:0")).startswith("This button is out")

    log = await app.store.embargo_log.of_release(release_id)
    assert log == [
        (2301, EmbargoChannel.NOTICE),
        (2302, EmbargoChannel.NOTICE),
        (2301, EmbargoChannel.PDF),
        (2301, EmbargoChannel.DOCX),
        (2301, EmbargoChannel.PDF),
    ]
    await app.dispatcher["publishing"].run_due()  # a second run queues and records nothing
    clock.set(local(5, 12))
    await scheduler.run_due()
    await first.receive()  # the embargo is lifted
    await first.press(opened, "📄 PDF")
    await first.receive()
    assert await app.store.embargo_log.of_release(release_id) == log


async def test_a_failed_upload_records_nothing_and_a_retry_is_recorded_once(
    fake: FakeBotAPI, app: App
) -> None:
    journalist = await accredited(app, fake, 2310)
    release_id = await embargoed_release(app)
    notice = await journalist.receive()
    await journalist.press(notice, "Read and download")
    opened = await journalist.receive()

    fake.fail_next("sendDocument", status=500, chat_id=2310)
    apology = await journalist.wait_answer(await journalist.press(opened, "📄 PDF"))
    assert apology["text"].startswith("Sorry, something went wrong on our side.")
    assert await app.store.embargo_log.of_release(release_id) == [(2310, EmbargoChannel.NOTICE)]

    await journalist.press(opened, "📄 PDF")
    assert (await journalist.receive())["document"]["file_name"].endswith(".pdf")
    assert await app.store.embargo_log.of_release(release_id) == [
        (2310, EmbargoChannel.NOTICE),
        (2310, EmbargoChannel.PDF),
    ]


async def test_organisers_see_the_count_and_export_the_record(
    fake: FakeBotAPI,
    app: App,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    office = await organiser(fake)
    tricky = fake.user(2320, language_code="en")
    await say(tricky, "/start")
    form = AccreditationForm("=HYPERLINK(1)", "-2+3 News", "editor", "+99365000000")
    application = await app.store.accreditations.apply(2320, form, local(5, 8))
    assert application is not None
    await app.store.accreditations.decide(
        application.id, AccreditationStatus.APPROVED, ORGANISER, local(5, 8)
    )
    release_id = await embargoed_release(app)
    notice = await tricky.receive()
    await tricky.press(notice, "Read and download")
    await tricky.press(await tricky.receive(), "📄 PDF")
    await tricky.receive()

    stats = (await say(office, "/stats"))["text"]
    assert "• embargoed releases: notices to journalists before the lift: 1" in stats
    assert "• embargoed releases: documents downloaded before the lift: 1" in stats
    deputy = fake.user(2321, language_code="ru")
    assert (await say(deputy, "/stats"))["text"] == "Статистика доступна только организаторам."
    await app.store.users.set_role(2321, Role.ORGANISER, None)
    stats_ru = (await say(deputy, "/stats"))["text"]
    assert "• релизы под эмбарго: уведомления журналистам до снятия: 1" in stats_ru

    for name in list(os.environ):
        if name.startswith(("BOT_", "TELEGRAM_", "DATABASE_", "DATA_", "ORGANISER_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_PATH", str(app.settings.database_path))
    out = tmp_path / "embargo.csv"
    # The command line as an organiser runs it, beside the running bot (its own loop).
    command = ["export", "embargo-log", "--with-ids", "--out", str(out)]  # ids: issue 23
    assert await asyncio.to_thread(main, command) == 0
    assert "2 row(s) of embargo-log" in capsys.readouterr().out
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["release", "release_key", "title_ru"]
    notice_row, pdf_row = rows[1:]
    assert notice_row[0] == str(release_id)
    assert notice_row[4:8] == ["2320", "'=HYPERLINK(1)", "'-2+3 News", "notice"]
    assert notice_row[9] in {"queued", "sent"}
    assert pdf_row[7] == "pdf"
    assert pdf_row[9] == ""
