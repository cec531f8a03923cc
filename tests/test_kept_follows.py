"""What a user follows is kept between taps, and never shown out of date."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.content.service import ContentService
from bot.reminders import kept_follows
from bot.store.holder import Store
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local

NOW = local(5, 8)
DAY_ONE = NOW.date()


async def loaded(store: Store, clock: ManualClock, users: range = range(1, 4)) -> dict[str, int]:
    await ContentService(store, clock).load(DATA_DIR)
    for user_id in users:
        await store.users.touch(user_id, "A", None, "en", NOW)
    return {s.key: s.id for s in await store.programme.sessions()}


def count_reads(store: Store) -> list[int]:
    reads = [0]
    real = store.reminders._read_follows

    async def counted(user_id: int) -> kept_follows.Follows:
        reads[0] += 1
        return await real(user_id)

    store.reminders._read_follows = counted  # type: ignore[method-assign]
    return reads


async def test_taps_read_the_store_once_and_writes_show_at_once(
    store: Store, clock: ManualClock
) -> None:
    ids = await loaded(store, clock)
    reads = count_reads(store)
    opening = ids["d1-opening"]
    for _ in range(5):
        assert await store.reminders.session_ids(1) == set()
        assert not await store.reminders.follows_day(1, DAY_ONE)
    assert reads == [1]
    async with store.transaction():
        await store.reminders.subscribe(1, [opening], NOW)
        await store.reminders.follow_day(1, DAY_ONE, NOW)
    assert await store.reminders.session_ids(1) == {opening}
    assert await store.reminders.follows_day(1, DAY_ONE)
    await store.reminders.unsubscribe(1, [opening])
    await store.reminders.unfollow_day(1, DAY_ONE)
    assert await store.reminders.session_ids(1) == set()
    assert not await store.reminders.follows_day(1, DAY_ONE)
    assert await store.reminders.session_ids(2) == set()  # another user is read apart
    assert reads == [4]


async def test_a_rolled_back_write_leaves_nothing_kept(store: Store, clock: ManualClock) -> None:
    ids = await loaded(store, clock)
    assert await store.reminders.session_ids(1) == set()

    async def failing() -> None:
        async with store.transaction():
            await store.reminders.subscribe(1, [ids["d1-opening"]], NOW)
            assert await store.reminders.session_ids(1) == {ids["d1-opening"]}  # read inside
            raise RuntimeError("the operation fails after its write")

    with pytest.raises(RuntimeError):
        await failing()
    assert await store.reminders.session_ids(1) == set()


async def test_a_read_overtaken_by_a_write_is_not_kept(store: Store, clock: ManualClock) -> None:
    ids = await loaded(store, clock)
    gate = asyncio.Event()
    real = store.reminders._read_follows

    async def slow(user_id: int) -> kept_follows.Follows:
        follows = await real(user_id)
        await gate.wait()  # the write commits after this read and before it is kept
        return follows

    store.reminders._read_follows = slow  # type: ignore[method-assign]
    reading = asyncio.create_task(store.reminders.session_ids(1))
    await asyncio.sleep(0.05)
    store.reminders._read_follows = real  # type: ignore[method-assign]
    await store.reminders.subscribe(1, [ids["d1-opening"]], NOW)
    gate.set()
    assert await reading == set()  # that caller asked before the write
    assert await store.reminders.session_ids(1) == {ids["d1-opening"]}


async def test_cancelling_a_session_and_refollowing_forget_everyone(
    store: Store, clock: ManualClock
) -> None:
    ids = await loaded(store, clock)
    volunteers = ids["d2-volunteers"]
    for user_id in (1, 2):
        await store.reminders.subscribe(user_id, [volunteers], NOW)
        assert await store.reminders.session_ids(user_id) == {volunteers}
    await store.reminders.subscribe_many([3], volunteers, NOW)
    assert await store.reminders.session_ids(3) == {volunteers}
    change = await store.conn.execute_insert(
        "INSERT INTO session_changes (session_id, kind, before)"
        " VALUES (?, 'removed', json_object('key', 'd2-volunteers', 'day', '2025-09-06'))",
        (volunteers,),
    )
    assert change is not None
    await store.reminders.suspend_session(volunteers, change[0], NOW)
    assert [await store.reminders.session_ids(u) for u in (1, 2, 3)] == [set(), set(), set()]


async def test_a_write_by_another_process_is_noticed_within_a_second(
    tmp_path: Path, store: Store, clock: ManualClock
) -> None:
    """``python -m bot load`` re-follows a restored session's followers from its own
    connection; the bot notices as its content cache does."""
    ids = await loaded(store, clock)
    assert await store.reminders.session_ids(1) == set()
    other = await Store.open(tmp_path / "unit.sqlite3")
    try:
        await other.reminders.subscribe_many([1], ids["d2-volunteers"], NOW)
    finally:
        await other.close()
    store.content_cache._checked_at = float("-inf")  # the once-a-second recheck is due
    assert await store.reminders.session_ids(1) == {ids["d2-volunteers"]}


async def test_it_keeps_a_bounded_number_of_users(
    store: Store, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    await loaded(store, clock, range(1, 30))
    kept = store.reminders._follows
    monkeypatch.setattr(kept, "_limit", 5)
    for user_id in range(1, 30):
        await store.reminders.session_ids(user_id)
        assert len(kept._kept) <= 5
