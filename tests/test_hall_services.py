"""Questions and feedback below the chat: one unit of work per operation (a failure between
steps leaves nothing, a retry then works), the rate limit under concurrent asks, the
timed jobs' plan, the survey file's problems, and the 0008 migration keeping old invites."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.__main__ import check_command
from bot.content.loader import ContentError
from bot.content.service import ContentService
from bot.delivery.notify import Notifier
from bot.feedback.jobs import FeedbackJobs, feedback_job
from bot.feedback.service import FeedbackService
from bot.feedback.survey import load_survey
from bot.feedback.surveys import SurveyService
from bot.i18n.catalogues import build_i18n, language_scope
from bot.invites.service import InviteService
from bot.invites.values import Redemption
from bot.questions.boards import Boards
from bot.questions.service import QuestionService
from bot.questions.values import AskOutcome, Board, BoardMessage, RateLimit
from bot.store.database import connect, migrate
from bot.store.holder import Store
from bot.users.access import AccessService
from bot.users.values import Role, User
from handlers.feedback.notices import FeedbackMessages
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.hall_kit import ORGANISER
from tests.press_kit import known, store_delivery
from tests.scheduler import ClockScheduler

OFFICE = User(ORGANISER, "Office", "en", Role.ORGANISER)


class StepFailedError(RuntimeError):
    """What the broken step raises."""


async def boom(*_args: object, **_kwargs: object) -> None:
    raise StepFailedError


class NoBoards:
    async def show(self, message: BoardMessage, board: Board) -> bool:
        return True


async def loaded(store: Store, clock: ManualClock) -> int:
    """The data loaded; the opening's id."""
    await ContentService(store, clock).load(DATA_DIR)
    return (await store.programme.sessions())[0].id


def feedback_services(store: Store, clock: ManualClock) -> tuple[FeedbackService, SurveyService]:
    """Wired as bot/app.py wires them, with the real delivery (never started): what it
    queues lands in the outbox inside the operation's transaction."""
    notifier = Notifier(
        store_delivery(store, clock), store.users, "ru", language_scope(build_i18n("ru"))
    )
    notices = FeedbackMessages()
    survey = load_survey(DATA_DIR)
    return (
        FeedbackService(store, clock, notifier, notices),
        SurveyService(store, clock, notifier, notices, survey),
    )


async def outbox_kinds(store: Store) -> list[tuple[str, str, int]]:
    rows = await store.db.execute_fetchall("SELECT kind, key, chat_id FROM outbox ORDER BY id")
    return [tuple(row) for row in rows]  # type: ignore[misc]


async def test_asking_followers_is_one_unit_of_work(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = ManualClock(local(5, 9))
    opening = await loaded(store, clock)
    for user_id in (4001, 4002):
        await known(store, user_id, clock)
        await store.reminders.subscribe(user_id, [opening], clock.now())
    feedback, _surveys = feedback_services(store, clock)
    assert await feedback.ask_followers(opening) == 0  # not over yet: nothing
    clock.set(local(5, 10, 30))

    monkeypatch.setattr(Notifier, "notify", boom)
    with pytest.raises(StepFailedError):
        await feedback.ask_followers(opening)
    assert await store.feedback.asked_sessions() == set()
    assert not await store.feedback.was_asked(opening, 4001)
    assert await outbox_kinds(store) == []

    monkeypatch.undo()
    assert await feedback.ask_followers(opening) == 2
    assert await feedback.ask_followers(opening) == 0  # once per session
    assert await outbox_kinds(store) == [
        ("feedback", f"session:{opening}", 4001),
        ("feedback", f"session:{opening}", 4002),
    ]


async def test_sending_the_survey_is_one_unit_of_work(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = ManualClock(local(6, 18))
    await loaded(store, clock)
    await known(store, 4011, clock)
    _feedback, surveys = feedback_services(store, clock)
    monkeypatch.setattr(Notifier, "notify", boom)
    with pytest.raises(StepFailedError):
        await surveys.send()
    assert not await surveys.sent()
    assert await outbox_kinds(store) == []
    monkeypatch.undo()
    assert await surveys.send() == 1
    assert await surveys.send() == 0
    assert await outbox_kinds(store) == [("survey", "meeting", 4011)]


async def test_opening_a_moderator_link_is_one_unit_of_work(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = ManualClock(local(5, 9))
    opening = await loaded(store, clock)
    await known(store, 4021, clock)
    invites = InviteService(store, clock, AccessService(store, (ORGANISER,)))
    invite = await invites.create_moderator(OFFICE, opening)
    payload = InviteService.payload(invite)
    guest = User(4021, "Guest", "en")

    monkeypatch.setattr(store.moderators, "add", boom)
    with pytest.raises(StepFailedError):
        await invites.redeem(payload, guest)
    assert not await store.invites.used_by(invite.id, 4021)
    assert (await store.invites.by_token(invite.token)).uses == 0  # type: ignore[union-attr]
    monkeypatch.undo()
    assert not await store.moderators.moderates(opening, 4021)

    redeemed = await invites.redeem(payload, guest)
    assert (redeemed.outcome, redeemed.role) == (Redemption.GRANTED, Role.GUEST)
    assert await store.moderators.moderates(opening, 4021)
    assert await store.moderators.sessions_of(4021) == {opening}


async def test_concurrent_asks_cannot_pass_the_rate_limit_together(store: Store) -> None:
    clock = ManualClock(local(5, 10))
    opening = await loaded(store, clock)
    await known(store, 4031, clock)
    questions = QuestionService(
        store, clock, RateLimit(2, dt.timedelta(minutes=10)), Boards(store, NoBoards())
    )
    asker = User(4031, "Asker", "en")
    outcomes = await asyncio.gather(
        *(
            questions.ask(asker, opening, f"Question number {n} at the same time", signed=False)
            for n in range(4)
        )
    )
    assert sorted(outcomes) == sorted([AskOutcome.SENT] * 2 + [AskOutcome.TOO_MANY] * 2)


async def test_the_plan_skips_long_ended_sessions_and_follows_the_survey(store: Store) -> None:
    clock = ManualClock(local(5, 14, 0))  # the bot starts after a morning away
    await loaded(store, clock)
    feedback, surveys = feedback_services(store, clock)
    scheduler = ClockScheduler(clock)
    jobs = FeedbackJobs(
        store,
        clock,
        scheduler,
        feedback,
        surveys,
        check_seconds=60,
        survey_delay=dt.timedelta(minutes=30),
    )
    await jobs.start()
    sessions = await store.programme.sessions()
    planned = {job for job in scheduler.job_ids() if job.startswith("feedback:")}
    # 10:00–10:30 and 10:30–11:00 ended more than an hour ago: not asked about any more;
    # 11:00–13:00 ended an hour ago: asked at once; 14:30 and day 2 are ahead.
    assert planned == {feedback_job(s.id) for s in sessions[2:]}
    assert scheduler.moment_of("survey") == local(6, 16, 30) + dt.timedelta(minutes=30)
    await scheduler.run_due()
    assert await store.feedback.asked_sessions() == {sessions[2].id}
    await jobs.plan()  # asked: dropped from the plan
    assert feedback_job(sessions[2].id) not in scheduler.job_ids()
    assert feedback_job(sessions[3].id) in scheduler.job_ids()
    clock.set(local(5, 18, 31))  # the job of 17:30 runs an hour late (a paused process)
    assert await feedback.ask_followers(sessions[3].id) == 0


async def test_a_bot_started_long_after_the_meeting_asks_nobody(store: Store) -> None:
    """A restart the day after (or a bot run on last year's data) sends no stale question."""
    clock = ManualClock(local(6, 9))
    opening = await loaded(store, clock)
    await known(store, 4051, clock)
    await store.reminders.subscribe(4051, [opening], clock.now())
    feedback, surveys = feedback_services(store, clock)
    scheduler = ClockScheduler(clock)
    jobs = FeedbackJobs(
        store,
        clock,
        scheduler,
        feedback,
        surveys,
        check_seconds=60,
        survey_delay=dt.timedelta(minutes=60),
    )
    clock.set(local(7, 17, 31))  # the survey was due a day and a minute ago
    await jobs.start()
    assert not any(job.startswith(("feedback:", "survey")) for job in scheduler.job_ids())
    await scheduler.run_due()
    await jobs.send_survey()  # a job that fires this late does nothing either
    assert await outbox_kinds(store) == []
    assert not await surveys.sent()


def test_the_survey_files_problems_are_listed_by_check_with_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "survey.yaml").write_text(
        "survey:\n"
        "  - id: overall\n"
        "    text: {ru: Как?, en: How?}\n"
        "    options:\n"
        "      - {ru: Да, en: Yes}\n"
        "  - id: overall\n"
        "    text: {ru: Что?, en: What?}\n"
        "    kind: choice\n"
        "    colour: red\n",
        encoding="utf-8",
    )
    assert check_command(data) == 1
    errors = capsys.readouterr().err
    assert "survey.yaml:2: survey.0: a rating question has no options" in errors
    assert "survey.yaml:9: survey.1.colour: unknown field (typo?)" in errors
    with pytest.raises(ContentError):
        load_survey(data)
    (data / "survey.yaml").unlink()
    assert load_survey(data) is None
    assert check_command(data) == 0


async def test_migration_0008_keeps_the_invites_and_their_uses(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = await connect(path)
    assert await migrate(conn, target=6) == 6
    await conn.execute(
        "INSERT INTO invites (token, role, max_uses, uses, created_by, created_at)"
        " VALUES ('tok', 'press', 3, 1, 900001, '2025-09-01T00:00:00+00:00')"
    )
    await conn.execute(
        "INSERT INTO invite_uses (invite_id, user_id, used_at)"
        " VALUES (1, 4041, '2025-09-01T00:00:00+00:00')"
    )
    await conn.commit()
    await conn.close()

    store = await Store.open(path)
    try:
        invite = await store.invites.by_token("tok")
        assert invite is not None
        assert (invite.role, invite.uses, invite.session_id) == (Role.PRESS, 1, None)
        assert await store.invites.used_by(invite.id, 4041)
        rows = await store.db.execute_fetchall("PRAGMA foreign_key_check")
        assert rows == []
    finally:
        await store.close()
