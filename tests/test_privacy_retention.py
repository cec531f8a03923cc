"""Retention on the injected clock: the organisers are warned 7 days and 1 day before;
`purge --dry-run` prints what would go by table and changes nothing; at RETENTION_DAYS
after the meeting's last day everyone's personal data but the organisers' is erased, the
published content and the statistics stay."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.app import App
from bot.config import Settings
from bot.privacy.cli import purge_command
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser
from tests.hall_kit import ORGANISER, open_session, say, tap
from tests.privacy_kit import ZED, apply_for_accreditation
from tests.scheduler import ClockScheduler

PURGE_AT = dt.datetime(2025, 10, 6, 19, 0, tzinfo=dt.UTC)
"""Midnight after 6 September (Ashgabat, UTC+5), plus 30 days."""


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"delivery_chat_interval": 0.0, "retention_days": 30})


async def next_starting(user: FakeUser, prefix: str) -> str:
    message = await user.receive()
    while not message.get("text", "").startswith(prefix):
        message = await user.receive()
    return str(message["text"])


async def table_counts(app: App) -> dict[str, int]:
    counts = {}
    for table in ("users", "subscriptions", "accreditations", "press_releases", "summaries"):
        rows = await app.store.db.execute_fetchall(f"SELECT count(*) FROM {table}")
        counts[table] = int(rows[0][0])
    return counts


async def test_warnings_dry_run_and_the_purge_keep_the_organisers_and_the_archive(
    fake: FakeBotAPI,
    app: App,
    clock: ManualClock,
    scheduler: ClockScheduler,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    guest = fake.user(7401, language_code="ru")
    page = await open_session(guest)
    await tap(guest, page, "🔔 Напомнить")
    zed = fake.user(ZED, first_name="Zephyrine", language_code="en")
    await say(zed, "/start")
    await apply_for_accreditation(fake, zed)
    office = fake.user(ORGANISER)

    clock.set(PURGE_AT - dt.timedelta(days=7))
    await scheduler.run_due()
    warning = await next_starting(office, "🗓 Retention")
    assert "7 October" in warning
    assert "00:00 (Ashgabat time, UTC+5)" in warning
    assert warning.endswith("Days left: 7")
    await scheduler.run_due()  # once
    clock.set(PURGE_AT - dt.timedelta(days=1))
    await scheduler.run_due()
    assert (await next_starting(office, "🗓 Retention")).endswith("Days left: 1")
    await guest.expect_nothing()

    before = await table_counts(app)
    assert await purge_command(settings, dry_run=True) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("would erase the personal data of 2 people (organisers are kept)")
    assert "  users: 2 row(s)" in printed
    assert "  subscriptions: 1 row(s)" in printed
    assert "  accreditations: 1 row(s)" in printed
    assert await table_counts(app) == before

    clock.set(PURGE_AT)
    await scheduler.run_due()
    after = await table_counts(app)
    assert after["users"] == 1  # the organiser
    assert (after["subscriptions"], after["accreditations"]) == (0, 0)
    assert (after["press_releases"], after["summaries"]) == (
        before["press_releases"],
        before["summaries"],
    )
    assert await app.store.users.exists(ORGANISER)
    actions = [entry["action"] for entry in await app.store.privacy.log_entries()]
    assert actions[-1] == "purge"
    await scheduler.run_due()  # nothing left to erase: no new line
    assert len(await app.store.privacy.log_entries()) == len(actions)
    assert await purge_command(settings, dry_run=True) == 0
    assert capsys.readouterr().out.startswith("would erase the personal data of 0 people")


async def test_before_the_meeting_ends_nothing_is_warned_or_erased(
    fake: FakeBotAPI, app: App, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    guest = fake.user(7402, language_code="en")
    await say(guest, "/start")
    clock.set(local(6, 18))
    await scheduler.run_due()
    clock.set(PURGE_AT - dt.timedelta(days=7, minutes=1))
    await scheduler.run_due()
    assert await app.store.users.exists(7402)
    rows = await app.store.db.execute_fetchall(
        "SELECT count(*) FROM outbox WHERE kind = 'privacy.retention'"
    )
    assert rows[0][0] == 0


async def test_a_closed_feedback_round_keeps_ratings_without_rater_ids(
    fake: FakeBotAPI, app: App, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    rater = fake.user(7403, language_code="en")
    page = await open_session(rater)
    await tap(rater, page, "🔔 Remind me")
    clock.set(local(5, 10, 30))
    await scheduler.run_due()
    asked = await rater.receive()
    await tap(rater, asked, "4 ⭐")
    clock.set(local(6, 10, 29))  # still open a day after the question
    await scheduler.run_due()
    assert await app.store.feedback.rating(await opening(app), 7403) == (4, False)

    clock.set(local(6, 10, 31))
    await scheduler.run_due()
    rows = await app.store.db.execute_fetchall("SELECT user_id, rating FROM feedback")
    assert [(row[0] < 0, row[1]) for row in rows] == [(True, 4)]
    assert await app.store.db.execute_fetchall("SELECT * FROM feedback_asks") == []
    answer = await rater.wait_answer(await rater.press(asked, data=f"fb:r:{await opening(app)}:2"))
    assert answer["show_alert"] is True
    rows = await app.store.db.execute_fetchall("SELECT rating FROM feedback")
    assert [row[0] for row in rows] == [4]  # no second rating once the round closed


async def opening(app: App) -> int:
    return (await app.store.programme.sessions())[0].id


async def test_a_bot_down_through_the_warnings_warns_first_and_purges_a_day_later(
    fake: FakeBotAPI, app: App, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    guest = fake.user(7404, language_code="en")
    await say(guest, "/start")
    office = fake.user(ORGANISER, language_code="en")
    await say(office, "/start")
    clock.set(PURGE_AT + dt.timedelta(days=3))
    await scheduler.run_due()
    warning = await next_starting(office, "🗓 Retention")
    assert "on Saturday, 11 October at 00:00" in warning  # a day from now, not the past date
    assert warning.endswith("Days left: 1")
    assert await app.store.users.exists(7404), "not erased unwarned"
    clock.advance(dt.timedelta(hours=23))
    await scheduler.run_due()
    assert await app.store.users.exists(7404)
    clock.advance(dt.timedelta(hours=1))
    await scheduler.run_due()
    assert not await app.store.users.exists(7404)
    assert await app.store.users.exists(ORGANISER)
