"""A cancelled session that comes back (restored in chat, or brought back by the files)
is followed again by those who followed it when it was cancelled, unless they have since
said they want none of it (removed all their reminders, or unfollowed its day)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.agenda.service import AgendaService
from bot.content import load_content
from bot.content.service import ContentService
from bot.delivery.notify import Notifier
from bot.delivery.outbox import QueuedRow
from bot.i18n.catalogues import build_i18n, language_scope
from bot.programme.service import ProgrammeDesk
from bot.programme.signal import ChangeSignal
from bot.programme.values import Action, Proposal
from bot.reminders.deps import JobDeps
from bot.reminders.jobs import ReminderJobs, ReminderTiming
from bot.reminders.planning import Pacing
from bot.reminders.service import ReminderService
from bot.store.holder import Store
from bot.users.values import Role, User
from handlers.reminders.notices import ReminderMessages
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.scheduler import ClockScheduler
from tests.test_reminder_planning import OutboxQueue
from tests.test_reminders import edited_data

ORGANISER = User(900001, "Anna", "en", Role.ORGANISER)
SATURDAY = dt.date(2025, 9, 6)
QUIET = dt.timedelta(minutes=3)


@dataclass
class Desk:
    store: Store
    clock: ManualClock
    jobs: ReminderJobs
    reminders: ReminderService
    desk: ProgrammeDesk
    seen: int = 0

    async def session(self, key: str) -> int:
        found = [s.id for s in await self.store.programme.sessions() if s.key == key]
        assert found, key
        return found[0]

    async def told(self) -> list[QueuedRow]:
        """Let the change rest past the quiet period; the notices it queued since last time."""
        await self.jobs.changes.check()
        self.clock.advance(QUIET + dt.timedelta(minutes=1))
        await self.jobs.changes.check()
        queued = await self.store.outbox.queued(self.seen, 10_000)
        rows = [r for r in queued if r.kind != "reminder"]
        self.seen = max([self.seen, *(r.id for r in rows)])
        return rows


async def make_desk(store: Store) -> Desk:
    clock = ManualClock(local(5, 8))
    await store.content.apply(load_content(DATA_DIR), clock.now())
    await store.reminders.mark_all_handled(clock.now())
    queue = OutboxQueue(store, clock)
    notifier = Notifier(queue, store.users, "ru", language_scope(build_i18n("ru")))
    agenda = AgendaService(store, clock)
    deps = JobDeps(store, clock, ClockScheduler(clock), notifier, agenda, ReminderMessages())
    jobs = ReminderJobs(deps, ReminderTiming(debounce=QUIET), Pacing(rate=27.0))
    signal = ChangeSignal(store.content_cache, jobs.sender)
    desk = ProgrammeDesk(store, clock, agenda, signal, QUIET)
    for user_id in range(11, 18):
        await store.users.touch(user_id, "A", None, "en", clock.now())
    return Desk(store, clock, jobs, ReminderService(store, clock, jobs.sender, queue), desk)


def to(rows: list[QueuedRow], start: str) -> list[int]:
    return sorted(r.chat_id for r in rows if r.text.startswith(start))


async def test_restoring_in_chat_refollows_who_followed_it_unless_they_let_go(
    store: Store,
) -> None:
    world = await make_desk(store)
    volunteers = await world.session("d2-volunteers")
    await world.reminders.remind(11, volunteers)  # the session alone
    await world.reminders.follow_day(12, SATURDAY)  # the whole day
    await world.reminders.remind(13, volunteers)
    await world.reminders.follow_day(14, SATURDAY)
    await world.reminders.follow_day(16, SATURDAY)
    await world.reminders.follow_day(17, SATURDAY)
    await world.reminders.forget(17, volunteers)  # the day, but not that session

    await world.desk.apply(ORGANISER, Proposal(Action.CANCEL, volunteers))
    told = await world.told()
    assert to(told, "❌ <b>Cancelled</b>") == [11, 12, 13, 14, 16]
    assert volunteers not in await store.reminders.session_ids(11)

    await world.reminders.forget_all(13)  # wants no reminders at all any more
    await world.reminders.unfollow_day(14, SATURDAY)  # wants nothing of that day
    await world.reminders.follow_day(15, SATURDAY)  # follows the day since
    await world.reminders.forget(16, volunteers)  # «Don't remind me» under the notice

    preview = await world.desk.preview(ORGANISER, Proposal(Action.RESTORE, volunteers))
    assert (preview.followers, preview.day_followers) == (2, 1)  # 11, 12 back; 15 as new
    await world.desk.apply(ORGANISER, Proposal(Action.RESTORE, volunteers))
    told = await world.told()
    assert to(told, "♻️ <b>Back in the programme</b>") == [11, 12]
    assert to(told, "➕ <b>New in the programme</b>") == [15]
    assert sorted(r.chat_id for r in told) == [11, 12, 15]
    for user_id in range(11, 18):
        follows = volunteers in await store.reminders.session_ids(user_id)
        assert follows is (user_id in (11, 12, 15)), user_id

    owed = await store.reminders.owed(world.clock.now(), local(6, 14))
    assert sorted(o.user_id for o in owed if o.session_id == volunteers) == [11, 12, 15]

    await world.desk.apply(ORGANISER, Proposal(Action.CANCEL, volunteers))
    await world.told()
    await world.desk.apply(ORGANISER, Proposal(Action.RESTORE, volunteers))
    told = await world.told()  # a second round: the same people, nobody twice
    assert to(told, "♻️ <b>Back in the programme</b>") == [11, 12, 15]


async def test_restored_within_the_quiet_period_nobody_hears_and_everyone_keeps_it(
    store: Store,
) -> None:
    world = await make_desk(store)
    volunteers = await world.session("d2-volunteers")
    await world.reminders.remind(11, volunteers)
    await world.desk.apply(ORGANISER, Proposal(Action.CANCEL, volunteers))
    await world.jobs.changes.check()
    await world.desk.apply(ORGANISER, Proposal(Action.RESTORE, volunteers))
    assert await world.told() == []
    assert volunteers in await store.reminders.session_ids(11)
    rows = await store.db.execute_fetchall("SELECT count(*) FROM suspended_follows")
    assert rows[0][0] == 0


async def test_a_session_the_files_bring_back_is_followed_again_under_its_new_id(
    store: Store, tmp_path: Path
) -> None:
    world = await make_desk(store)
    content = ContentService(store, world.clock)
    volunteers = await world.session("d2-volunteers")
    await world.reminders.remind(11, volunteers)
    await world.reminders.follow_day(12, SATURDAY)

    text = (DATA_DIR / "programme.yaml").read_text(encoding="utf-8")
    block = text[text.index("      - id: d2-volunteers") :]
    await content.load(edited_data(tmp_path, [(block, "")]))
    assert to(await world.told(), "❌ <b>Cancelled</b>") == [11, 12]
    assert await store.reminders.session_ids(11) == set()

    await content.load(DATA_DIR)
    back = await world.session("d2-volunteers")
    assert back != volunteers  # a new id; the data key is what stayed
    assert to(await world.told(), "♻️ <b>Back in the programme</b>") == [11, 12]
    assert back in await store.reminders.session_ids(11)
    assert back in await store.reminders.session_ids(12)


async def test_a_chat_cancellation_the_files_undo_brings_the_followers_back(
    store: Store, tmp_path: Path
) -> None:
    world = await make_desk(store)
    content = ContentService(store, world.clock)
    volunteers = await world.session("d2-volunteers")
    await world.reminders.remind(11, volunteers)
    await world.desk.apply(ORGANISER, Proposal(Action.CANCEL, volunteers))
    assert to(await world.told(), "❌ <b>Cancelled</b>") == [11]

    retitled = "volunteer movement\n        room:"
    await content.load(edited_data(tmp_path, [(retitled, "volunteers\n        room:")]))
    back = await world.session("d2-volunteers")
    assert to(await world.told(), "♻️ <b>Back in the programme</b>") == [11]
    assert back in await store.reminders.session_ids(11)


async def test_a_restore_taken_back_keeps_the_followers_for_the_next_restore(
    store: Store,
) -> None:
    world = await make_desk(store)
    volunteers = await world.session("d2-volunteers")
    await world.reminders.remind(11, volunteers)
    await world.desk.apply(ORGANISER, Proposal(Action.CANCEL, volunteers))
    assert to(await world.told(), "❌ <b>Cancelled</b>") == [11]

    restored = await world.desk.apply(ORGANISER, Proposal(Action.RESTORE, volunteers))
    await world.desk.undo(ORGANISER, restored.change_id)
    assert await world.told() == []
    assert await store.reminders.session_ids(11) == set()
    await world.desk.apply(ORGANISER, Proposal(Action.RESTORE, volunteers))
    assert to(await world.told(), "♻️ <b>Back in the programme</b>") == [11]
    assert volunteers in await store.reminders.session_ids(11)
