"""Feedback end to end over the fake Bot API, in Russian and English: a session's followers
rate it once it ends, comment, opt out; the survey after the meeting; /stats and CSV;
the timed jobs rebuilt from the store after a restart."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from bot.__main__ import export_command
from bot.app import App
from bot.config import Settings
from tests.clock import ManualClock
from tests.conftest import local, running_app
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser
from tests.hall_kit import (
    HUGE,
    ORGANISER,
    answer_to,
    buttons,
    open_session,
    say,
    snapshot,
    tap,
)
from tests.scheduler import ClockScheduler

OPENING_ENDS = local(5, 10, 30)
MEETING_ENDS = local(6, 16, 30)
RATINGS = ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


async def follow_opening(user: FakeUser, language: str) -> None:
    """Press «Remind me» on the opening's page (before it starts)."""
    page = await open_session(user)
    await tap(user, page, "🔔 Remind me" if language == "en" else "🔔 Напомнить")


async def opening_id(app: App) -> int:
    return (await app.store.programme.sessions())[0].id


async def test_followers_rate_a_session_once_it_ends_comment_and_opt_out(
    fake: FakeBotAPI, app: App, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    anna = fake.user(3401, language_code="en")
    boris = fake.user(3402, language_code="ru")
    await follow_opening(anna, "en")
    await follow_opening(boris, "ru")
    bystander = fake.user(3403, language_code="en")
    await say(bystander, "/start")
    sid = await opening_id(app)
    assert f"feedback:{sid}" in scheduler.job_ids()
    assert scheduler.moment_of(f"feedback:{sid}") == OPENING_ENDS

    clock.set(OPENING_ENDS)
    await scheduler.run_due()
    asked = await anna.receive()
    assert asked["text"].startswith("«Opening of the meeting» has ended. How was it?")
    assert buttons(asked) == [*RATINGS, "🔕 Don't ask me for feedback"]
    asked_ru = await boris.receive()
    assert asked_ru["text"].startswith("Сессия «Открытие встречи» завершилась.")
    await bystander.expect_nothing()

    query = await anna.press(asked, "4 ⭐")
    rated = await anna.receive()
    assert (await anna.wait_answer(query)).get("text") is None
    assert rated["message_id"] == asked["message_id"]
    assert rated["text"] == "Thank you! You rated «Opening of the meeting» 4 ⭐."
    prompt = await tap(anna, rated, "💬 Add a comment")
    assert prompt["text"].startswith("Your comment on «Opening of the meeting», up to 500")
    assert (await say(anna, "x" * 501))["text"].startswith("Too long: at most 500 characters")
    saved = await say(anna, "Clear and short — thank you.")
    assert saved["text"] == "Thank you, your comment is saved."

    before = await snapshot(app.store)
    answer = await answer_to(anna, asked, f"fb:r:{sid}:2")  # the old message's «2 ⭐»
    assert (answer["text"], answer["show_alert"]) == ("You have rated this session already.", True)
    assert (await anna.receive())["text"].endswith("4 ⭐.")  # shown as it stands, no comment key
    answer = await answer_to(anna, asked, f"fb:c:{sid}:0")
    assert answer["text"] == "You can add one comment, after rating the session."
    assert await snapshot(app.store) == before

    off = await tap(boris, asked_ru, "🔕 Не спрашивать меня об отзывах")
    assert off["text"].startswith("🔕 Бот больше не будет просить у вас отзывы.")
    assert await app.store.feedback.opted_out(3402)
    assert await app.store.feedback.rating(sid, 3401) == (4, True)
    assert await app.store.feedback.rating(sid, 3402) is None

    await scheduler.run_due()  # asked once: nothing again
    await anna.expect_nothing()


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_feedback_off_and_on_commands(
    fake: FakeBotAPI, app: App, language: str, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    texts = {
        "ru": ("🔕 Бот больше не будет", "Просьбы об отзывах уже выключены", "🔔 Бот снова"),
        "en": ("🔕 The bot will not ask", "Feedback questions are off already", "🔔 The bot will"),
    }[language]
    user = fake.user(3411, language_code=language)
    await follow_opening(user, language)
    assert (await say(user, "/feedback_off"))["text"].startswith(texts[0])
    assert (await say(user, "/feedback_off"))["text"].startswith(texts[1])
    clock.set(OPENING_ENDS)
    await scheduler.run_due()
    await user.expect_nothing()  # opted out: not asked
    assert (await say(user, "/feedback_on"))["text"].startswith(texts[2])
    assert (await say(user, "/feedback_on"))["text"] != texts[2]


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_ratings_bounded_rate_twice_forged_and_foreign_buttons(
    fake: FakeBotAPI, app: App, language: str, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    stale = {"ru": "Эта кнопка устарела", "en": "This button is out of date"}[language]
    follower = fake.user(3421, language_code=language)
    await follow_opening(follower, language)
    stranger = fake.user(3422, language_code=language)
    home = await say(stranger, "/start")
    clock.set(OPENING_ENDS)
    await scheduler.run_due()
    asked = await follower.receive()
    rated = await tap(follower, asked, "5 ⭐")
    sid = await opening_id(app)
    before = await snapshot(app.store)
    await tap(
        follower, rated, "💬 Add a comment" if language == "en" else "💬 Добавить комментарий"
    )
    too_long = {"ru": "Слишком длинно", "en": "Too long"}[language]
    assert (await say(follower, "z" * 501))["text"].startswith(too_long)
    await say(follower, "/cancel")
    second = await answer_to(follower, asked, f"fb:r:{sid}:1")
    assert second["show_alert"] is True  # rated already; the message stays as it is
    for forged in (f"fb:r:{sid}:0", f"fb:r:{sid}:6", f"fb:r:{sid}:9999"):
        assert (await answer_to(follower, asked, forged))["text"].startswith(stale)
    for forged in (f"fb:r:{sid}:5", f"fb:r:{sid + 1}:5", f"fb:c:{sid}:0"):
        answer = await answer_to(stranger, home, forged)  # never asked about it
        assert answer["show_alert"] is True
    for forged in (f"fb:r:{HUGE}:5", f"fb:c:{HUGE}:0", f"fb:r:{sid}:{HUGE}", f"sv:{HUGE}:1"):
        assert (await answer_to(stranger, home, forged))["text"].startswith(stale)
    await stranger.expect_nothing()
    assert await snapshot(app.store) == before


async def test_the_survey_after_the_meeting_stats_and_csv(
    fake: FakeBotAPI, app: App, clock: ManualClock, scheduler: ClockScheduler, tmp_path: Path
) -> None:
    anna = fake.user(3431, language_code="en")
    await follow_opening(anna, "en")
    boris = fake.user(3432, language_code="ru")
    await say(boris, "/feedback_off")
    organiser = fake.user(ORGANISER, language_code="en")
    await say(organiser, "/start")
    clock.set(OPENING_ENDS)
    await scheduler.run_due()
    await tap(anna, await anna.receive(), "3 ⭐")

    assert scheduler.moment_of("survey") == MEETING_ENDS + dt.timedelta(minutes=60)
    clock.set(MEETING_ENDS + dt.timedelta(minutes=60))
    await scheduler.run_due()
    survey = await anna.receive()
    assert survey["text"].startswith("📋 The meeting is over — thank you for coming!")
    assert "Question 1 of 3: How would you rate the meeting as a whole?" in survey["text"]
    assert buttons(survey) == ["1", "2", "3", "4", "5"]
    await boris.expect_nothing()  # feedback off: no survey either
    await organiser.receive()  # everyone who used the bot
    second = await tap(anna, survey, "5")
    assert second["text"].startswith("Question 2 of 3: How well was the meeting organised")
    third = await tap(anna, second, "4")
    assert buttons(third) == ["Very useful", "Somewhat", "Not really"]
    done = await tap(anna, third, "Very useful")
    assert done["text"] == "📋 Thank you! Your answers help us prepare the next meeting."
    answer = await answer_to(anna, survey, "sv:0:1")  # the first question, again
    assert (answer["text"], answer["show_alert"]) == (
        "You have answered this question already.",
        True,
    )
    await anna.receive()
    await scheduler.run_due()  # sent once
    await anna.expect_nothing()

    await organiser.send("/stats")
    await organiser.receive()
    report = (await organiser.receive())["text"]
    assert "⭐ Feedback on sessions" in report
    assert "«Opening of the meeting» — ratings: 1, average: 3.0" in report
    assert "5⭐ 0 · 4⭐ 0 · 3⭐ 1 · 2⭐ 0 · 1⭐ 0" in report
    assert (
        "1. How would you rate the meeting as a whole? (1 — poor, 5 — excellent) — answers: 1"
        in report
    )
    assert "3. Was this bot useful to you? — answers: 1\n    Very useful: 1 · Somewhat: 0" in report

    out = tmp_path / "feedback.csv"
    assert await export_command(app.settings, "feedback", out) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["session_id", "session_key", "session_title_ru"]
    assert rows[1][1:7] == [
        "d1-opening",
        "Открытие встречи",
        "Opening of the meeting",
        "2025-09-05T05:00:00+00:00",
        "3",
        "",  # no comment
    ]
    out = tmp_path / "survey.csv"
    assert await export_command(app.settings, "survey", out) == 0
    answers = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))[1:]
    assert [(row[0], row[1], row[3]) for row in answers] == [
        ("bot", "1", "Very useful"),
        ("organisation", "4", "4"),
        ("overall", "5", "5"),
    ]


async def test_the_feedback_jobs_are_rebuilt_from_the_store_after_a_restart(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    follower = fake.user(3441, language_code="ru")
    async with running_app(settings, clock, scheduler) as app:
        await follow_opening(follower, "ru")
        sid = await opening_id(app)
    for job_id in list(scheduler.job_ids()):
        scheduler.cancel(job_id)  # the process is gone, and its timers with it

    clock.set(OPENING_ENDS + dt.timedelta(minutes=20))  # the session ended while it was down
    async with running_app(settings, clock, scheduler) as app:
        assert f"feedback:{sid}" in scheduler.job_ids()
        await scheduler.run_due()
        assert (await follower.receive())["text"].startswith("Сессия «Открытие встречи»")
    for job_id in list(scheduler.job_ids()):
        scheduler.cancel(job_id)

    async with running_app(settings, clock, scheduler) as app:
        assert f"feedback:{sid}" not in scheduler.job_ids()  # asked already
        await scheduler.run_due()
        await follower.expect_nothing()
        assert await app.store.feedback.asked_sessions() == {sid}


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_the_opt_out_is_on_the_reminders_screen_too(
    fake: FakeBotAPI, app: App, language: str, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    labels = {
        "ru": ("⭐ Отзыв после заседаний: вкл.", "⭐ Отзыв после заседаний: выкл."),
        "en": ("⭐ Feedback after sessions: on", "⭐ Feedback after sessions: off"),
    }[language]
    user = fake.user(3421, language_code=language)
    await follow_opening(user, language)
    screen = await say(user, "/reminders")
    assert labels[0] in buttons(screen)
    switched = await tap(user, screen, labels[0])
    assert labels[1] in buttons(switched)
    assert await app.store.feedback.opted_out(user.id)
    clock.set(OPENING_ENDS)
    await scheduler.run_due()
    await user.expect_nothing()  # opted out on the reminders screen: not asked
    back = await tap(user, switched, labels[1])
    assert labels[0] in buttons(back)
    assert not await app.store.feedback.opted_out(user.id)
