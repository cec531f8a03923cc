"""Reminder planning and re-planning under an injected clock, on a real store.

The planner packs reminders backwards from start − lead at the configured pace, so that
every follower has the reminder by then; a lead change or an unfollow withdraws what
waits unsent in the outbox; each user operation is all or nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pytest

from bot.agenda.service import AgendaService
from bot.content import load_content
from bot.delivery import Outgoing
from bot.delivery.notify import Notifier
from bot.delivery.outbox import NewRow, QueuedRow
from bot.i18n.catalogues import build_i18n, language_scope
from bot.reminders.deps import JobDeps
from bot.reminders.planning import Pacing, due_now, plan
from bot.reminders.sending import JOB, ReminderSender
from bot.reminders.service import ReminderService
from bot.reminders.values import Owed, Subscribed
from bot.store.holder import Store
from handlers.reminders.notices import ReminderMessages
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.scheduler import ClockScheduler

START = local(5, 10)  # the opening; lead 15 makes its reminders' moment 09:45
MOMENT = local(5, 9, 45)


class OutboxQueue:
    """Delivery's enqueue without its worker: what is queued stays queued, unsent."""

    def __init__(self, store: Store, clock: ManualClock) -> None:
        self._store = store
        self._clock = clock
        self.batches: list[tuple[dt.datetime, list[int]]] = []
        self.forgotten: list[tuple[str, int, list[str]]] = []

    async def enqueue(self, messages: Sequence[Outgoing], *, kind: str, key: str) -> int:
        rows = [NewRow(m.chat_id, m.text, None) for m in messages]
        queued, _ = await self._store.outbox.enqueue(kind, key, rows, self._clock.now())
        self.batches.append((self._clock.now(), [m.chat_id for m in messages]))
        return queued

    def withdrawn(self, kind: str, chat_id: int, keys: Collection[str]) -> None:
        self.forgotten.append((kind, chat_id, sorted(keys)))


@dataclass
class World:
    store: Store
    clock: ManualClock
    scheduler: ClockScheduler
    queue: OutboxQueue
    reminders: ReminderService
    sessions: dict[str, int]

    async def queued(self) -> list[QueuedRow]:
        return await self.store.outbox.queued(0, 100_000)

    async def at(self, moment: dt.datetime) -> None:
        """Move the clock and run what is due, as the scheduler would."""
        self.clock.set(moment)
        await self.scheduler.run_due()


async def make_world(store: Store, rate: float = 27.0) -> World:
    clock = ManualClock(local(5, 8))
    await store.content.apply(load_content(DATA_DIR), clock.now())
    await store.reminders.mark_all_handled(clock.now())
    scheduler = ClockScheduler(clock)
    queue = OutboxQueue(store, clock)
    notifier = Notifier(queue, store.users, "ru", language_scope(build_i18n("ru")))
    deps = JobDeps(
        store, clock, scheduler, notifier, AgendaService(store, clock), ReminderMessages()
    )
    sender = ReminderSender(deps, Pacing(rate=rate))
    sessions = {s.key: s.id for s in await store.programme.sessions()}
    return World(
        store, clock, scheduler, queue, ReminderService(store, clock, sender, queue), sessions
    )


async def add_users(world: World, ids: Sequence[int]) -> None:
    for user_id in ids:
        await world.store.users.touch(user_id, "A", None, "en", world.clock.now())


def owed(user_id: int, moment: dt.datetime, subscribed: dt.datetime) -> Owed:
    return Owed(user_id, 1, moment + dt.timedelta(minutes=15), 15, subscribed)


# ---------------------------------------------------------------- the plan alone


def test_five_thousand_followers_all_have_it_by_start_minus_lead_oldest_first() -> None:
    now = local(5, 9)
    pacing = Pacing.for_delivery_rate(30.0)
    # Subscribed in a shuffled order: user i subscribed (i * 7919 % 5000) seconds after 08:00.
    people = [
        owed(i, MOMENT, local(5, 8) + dt.timedelta(seconds=i * 7919 % 5000)) for i in range(5000)
    ]
    slots = plan(people, now, pacing)

    assert len(slots) == 5000
    assert max(s.at for s in slots) == MOMENT - pacing.margin
    spread = (MOMENT - pacing.margin) - min(s.at for s in slots)
    assert spread == pytest.approx(dt.timedelta(seconds=4999 / 27), abs=dt.timedelta(seconds=0.01))
    gaps = {round((b.at - a.at).total_seconds(), 4) for a, b in itertools.pairwise(slots)}
    assert gaps == {round(1 / 27, 4)}, "exactly the planned pace, never faster"
    order = [s.owed.subscribed_at for s in slots]
    assert order == sorted(order), "those who asked longest ago hear first"


def test_sessions_starting_together_share_one_budget_and_late_ones_go_now() -> None:
    now = local(5, 9, 44) + dt.timedelta(seconds=30)
    pacing = Pacing(rate=10.0, margin=dt.timedelta())
    early = [owed(i, MOMENT, local(5, 8)) for i in range(600)]  # 60 s of sending
    later = [owed(1000 + i, MOMENT + dt.timedelta(seconds=30), local(5, 8)) for i in range(300)]
    slots = plan([*early, *later], now, pacing)

    assert all(s.at <= s.owed.moment for s in slots)
    # 900 reminders at 10/s end at 09:45:30: the first 300 were due from 09:44:00.1 on
    assert sum(1 for s in slots if s.at == now) == 300
    due, next_run = due_now(slots, now, pacing)
    assert [s.at for s in due] == [s.at for s in slots if s.at <= now + pacing.ahead]
    assert next_run == min(s.at for s in slots if s.at > now + pacing.ahead)


def test_a_moment_already_past_is_sent_now_and_nothing_owed_means_a_half_horizon_nap() -> None:
    now = local(5, 9, 52)
    pacing = Pacing(rate=27.0)
    (slot,) = plan([owed(1, MOMENT, local(5, 8))], now, pacing)
    assert slot.at == now
    assert due_now([], now, pacing) == ([], now + pacing.horizon / 2)


# ---------------------------------------------------------------- the planner on a store


async def test_the_planner_hands_reminders_over_paced_before_the_moment(store: Store) -> None:
    world = await make_world(store, rate=9.0)
    ids = list(range(5001, 5301))
    await add_users(world, ids)
    for user_id in ids:  # one subscription a second: 5001 asked first
        await world.reminders.remind(user_id, world.sessions["d1-opening"])
        world.clock.advance(dt.timedelta(seconds=1))

    await world.at(local(5, 9))
    assert world.scheduler.moment_of(JOB) == local(5, 9, 30)  # a look every half horizon
    await world.at(local(5, 9, 30))
    first_run = world.scheduler.moment_of(JOB)
    assert first_run is not None
    expected = MOMENT - dt.timedelta(seconds=2) - dt.timedelta(seconds=299 / 9)
    assert abs(first_run - expected) < dt.timedelta(seconds=0.01)
    assert world.queue.batches == []

    runs = 0
    while (moment := world.scheduler.moment_of(JOB)) is not None and moment <= MOMENT:
        await world.at(moment)
        runs += 1
    handed = [(at, user) for at, users in world.queue.batches for user in users]
    assert [user for _at, user in handed] == ids, "everyone once, oldest subscription first"
    assert max(at for at, _user in handed) <= MOMENT
    assert 5 <= runs <= 10, "a handful of runs, not one per message"
    rows = await world.queued()  # each says the time really left when it was handed over
    assert rows[0].text.startswith("🔔 <b>Opening of the meeting</b> starts in 16 min.")
    assert rows[-1].text.startswith("🔔 <b>Opening of the meeting</b> starts in 15 min.")


async def test_too_late_to_remind_then_a_shorter_lead_brings_it_back(store: Store) -> None:
    world = await make_world(store)
    await add_users(world, [7])
    world.clock.set(local(5, 9, 52))
    subscription = await world.reminders.remind(7, world.sessions["d1-opening"])
    assert subscription.outcome is Subscribed.TOO_SOON
    assert subscription.starts_in_minutes == 8
    await world.at(local(5, 9, 52))
    assert await world.queued() == []

    await world.reminders.set_lead(7, 5)
    await world.at(local(5, 9, 54))
    assert await world.queued() == []
    await world.at(local(5, 9, 55))
    (row,) = await world.queued()
    assert "starts in 5 min." in row.text


async def test_a_lead_change_withdraws_the_queued_reminder_and_plans_it_again(
    store: Store,
) -> None:
    world = await make_world(store)
    await add_users(world, [7, 8])
    for user_id in (7, 8):
        await world.reminders.remind(user_id, world.sessions["d1-opening"])
    await world.at(MOMENT)
    assert sorted(r.chat_id for r in await world.queued()) == [7, 8]  # not yet sent

    await world.reminders.set_lead(7, 5)
    assert [r.chat_id for r in await world.queued()] == [8]
    await world.at(local(5, 9, 50))
    assert [r.chat_id for r in await world.queued()] == [8]
    await world.at(local(5, 9, 55))
    rows = {r.chat_id: r for r in await world.queued()}
    assert sorted(rows) == [7, 8]
    assert "starts in 5 min." in rows[7].text


async def test_unfollowing_withdraws_what_is_queued_and_unsent(store: Store) -> None:
    world = await make_world(store)
    await add_users(world, [7, 8, 9])
    opening = world.sessions["d1-opening"]
    for user_id in (7, 8, 9):
        await world.reminders.remind(user_id, opening)
    await world.reminders.follow_day(9, local(5, 0).date())
    await world.at(MOMENT)
    assert sorted(r.chat_id for r in await world.queued()) == [7, 8, 9]

    assert await world.reminders.forget(7, opening) is True
    await world.reminders.forget_all(8)
    await world.reminders.unfollow_day(9, local(5, 0).date())
    assert await world.queued() == []
    await world.at(local(5, 9, 46))
    assert await world.queued() == []

    await world.reminders.remind(7, opening)  # asked again, 14 minutes before: too late
    await world.at(local(5, 9, 47))
    assert await world.queued() == []


# ---------------------------------------------------------------- all or nothing


class BoomError(RuntimeError):
    pass


async def test_a_failing_withdrawal_leaves_the_lead_and_the_queue_as_they_were(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await make_world(store)
    await add_users(world, [7])
    opening = world.sessions["d1-opening"]
    await world.reminders.remind(7, opening)
    await world.at(MOMENT)

    async def broken(*args: object) -> list[str]:
        raise BoomError

    with monkeypatch.context() as patch:
        patch.setattr(store.outbox, "withdraw", broken)
        for operation in (
            world.reminders.set_lead(7, 5),
            world.reminders.forget(7, opening),
            world.reminders.forget_all(7),
            world.reminders.unfollow_day(7, local(5, 0).date()),
        ):
            with pytest.raises(BoomError):
                await operation
    assert await world.reminders.lead(7) == 15
    assert await store.reminders.session_ids(7) == {opening}
    assert [r.chat_id for r in await world.queued()] == [7]

    await world.reminders.set_lead(7, 5)  # a retry works
    assert await world.queued() == []
    assert await world.reminders.lead(7) == 5


async def test_a_failing_subscription_leaves_the_day_unfollowed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await make_world(store)
    await add_users(world, [7])
    saturday = local(6, 0).date()

    async def broken(*args: object) -> int:
        raise BoomError

    with monkeypatch.context() as patch:
        patch.setattr(store.reminders, "subscribe", broken)
        with pytest.raises(BoomError):
            await world.reminders.follow_day(7, saturday)
    assert await world.reminders.follows_day(7, saturday) is False
    assert await store.reminders.session_ids(7) == set()

    followed = await world.reminders.follow_day(7, saturday)
    assert followed is not None
    assert len(followed) == 2
    assert await world.reminders.follows_day(7, saturday) is True


async def test_a_failing_run_is_retried_shortly_not_forgotten(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = await make_world(store)
    await add_users(world, [7])
    await world.reminders.remind(7, world.sessions["d1-opening"])

    async def broken(*args: object) -> list[Owed]:
        raise BoomError

    with monkeypatch.context() as patch:
        patch.setattr(store.reminders, "owed", broken)
        world.clock.set(MOMENT)
        with pytest.raises(BoomError):
            await world.scheduler.run_due()
    assert world.scheduler.moment_of(JOB) == MOMENT + dt.timedelta(seconds=10)
    await world.at(MOMENT + dt.timedelta(seconds=10))
    assert [r.chat_id for r in await world.queued()] == [7]


async def test_remind_me_for_a_later_session_leaves_the_planned_run_alone(store: Store) -> None:
    """A run planned before the new reminder's moment reads it from the store anyway: the
    tap does not bring the run forward (at a peak, each would re-read everything owed).
    One owed before the planned run does."""
    world = await make_world(store)
    await add_users(world, [7, 8, 9])
    await world.reminders.set_lead(9, 30)
    await world.reminders.remind(8, world.sessions["d1-welcome"])
    assert world.scheduler.moment_of(JOB) == local(5, 8)
    await world.at(local(5, 8))
    assert world.scheduler.moment_of(JOB) == local(5, 8, 30)  # a look every half horizon

    await world.reminders.remind(7, world.sessions["d1-opening"])  # moment 09:45
    assert world.scheduler.moment_of(JOB) == local(5, 8, 30)
    while (moment := world.scheduler.moment_of(JOB)) is not None and moment <= MOMENT:
        await world.at(moment)
    assert [users for _at, users in world.queue.batches] == [[7]]
    planned = world.scheduler.moment_of(JOB)
    assert planned is not None
    assert planned > local(5, 10)

    await world.reminders.remind(9, world.sessions["d1-welcome"])  # moment 10:00
    assert world.scheduler.moment_of(JOB) == world.clock.now()
