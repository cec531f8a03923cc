"""The unit of work: all or nothing, writes in turn, and never a poisoned connection."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3

import pytest

from bot.delivery.outbox import NewRow, OutboxState
from bot.store.holder import Store

NOW = dt.datetime(2025, 9, 5, 6, 0, tzinfo=dt.UTC)


async def user(store: Store, user_id: int) -> None:
    await store.users.touch(user_id, "Test", None, "ru", NOW)


async def test_every_write_of_a_failed_operation_is_undone(store: Store) -> None:
    await user(store, 1)

    async def operation() -> None:
        async with store.transaction():
            await store.users.set_language(1, "en")
            await store.outbox.enqueue("notice", "k", [NewRow(1, "hello", None)], NOW)
            raise RuntimeError("the next step failed")

    with pytest.raises(RuntimeError):
        await operation()
    assert await store.outbox.counts("notice", "k") == dict.fromkeys(OutboxState, 0)
    stored = await store.users.stored(1)
    assert stored is not None
    assert stored.language is None
    assert not store.conn.in_transaction


async def test_a_failed_statement_leaves_the_connection_usable(store: Store) -> None:
    await user(store, 1)

    async def operation() -> None:
        async with store.transaction():
            await store.outbox.mark_unreachable(1, "forbidden", NOW)
            await store.db.run("UPDATE no_such_table SET x = 1")

    with pytest.raises(sqlite3.OperationalError):
        await operation()
    assert not store.conn.in_transaction
    assert not await store.outbox.is_unreachable(1), "the whole operation was undone"
    await store.outbox.mark_unreachable(1, "forbidden", NOW)
    assert await store.outbox.is_unreachable(1)
    assert await store.outbox.mark_reachable(1)


async def test_a_cancelled_operation_is_undone(store: Store) -> None:
    await user(store, 1)
    entered = asyncio.Event()

    async def slow_operation() -> None:
        async with store.transaction():
            await store.users.set_language(1, "en")
            entered.set()
            await asyncio.Event().wait()

    task = asyncio.create_task(slow_operation())
    await entered.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    stored = await store.users.stored(1)
    assert stored is not None
    assert stored.language is None
    assert not store.conn.in_transaction


async def test_others_wait_for_an_open_transaction_and_never_see_its_half(store: Store) -> None:
    await user(store, 1)
    inside = asyncio.Event()
    release = asyncio.Event()
    seen: list[str | None] = []

    async def operation() -> None:
        async with store.transaction():
            await store.users.set_language(1, "en")
            inside.set()
            await release.wait()
            await store.outbox.enqueue("notice", "k", [NewRow(1, "hello", None)], NOW)

    async def reader() -> None:
        stored = await store.users.stored(1)
        seen.append(None if stored is None else stored.language)

    running = asyncio.create_task(operation())
    await inside.wait()
    reading = asyncio.create_task(reader())
    await asyncio.sleep(0.05)
    assert seen == [], "the read waits for the operation to commit"
    release.set()
    await asyncio.gather(running, reading)
    assert seen == ["en"]
    assert (await store.outbox.counts("notice", "k"))[OutboxState.QUEUED] == 1


async def test_nested_transactions_join_the_outer_one(store: Store) -> None:
    await user(store, 1)

    async def operation() -> None:
        async with store.transaction():
            async with store.transaction():
                await store.users.set_language(1, "en")
            raise RuntimeError("the outer operation failed after the inner one")

    with pytest.raises(RuntimeError):
        await operation()
    stored = await store.users.stored(1)
    assert stored is not None
    assert stored.language is None


async def test_work_after_commit_runs_only_once_the_operation_committed(store: Store) -> None:
    done: list[str] = []

    async def operation(fail: bool) -> None:
        async with store.transaction():
            store.db.after_commit(lambda: done.append("committed"))
            assert done == []
            if fail:
                raise RuntimeError("failed")

    with pytest.raises(RuntimeError):
        await operation(fail=True)
    assert done == []
    await operation(fail=False)
    assert done == ["committed"]
    store.db.after_commit(lambda: done.append("outside a transaction: at once"))
    assert done[-1] == "outside a transaction: at once"


async def test_a_batch_of_its_own_is_all_or_none_in_one_hop(store: Store) -> None:
    db = store.db
    await db.execute("CREATE TABLE batch (n INTEGER PRIMARY KEY)")
    with pytest.raises(sqlite3.IntegrityError):
        await db.executemany("INSERT INTO batch (n) VALUES (?)", [(1,), (2,), (2,)])
    assert await db.execute_fetchall("SELECT n FROM batch") == []
    assert not db.conn.in_transaction
    result = await db.executemany("INSERT INTO batch (n) VALUES (?)", [(1,), (2,)])
    assert result.rowcount == 2
    assert [row[0] for row in await db.execute_fetchall("SELECT n FROM batch")] == [1, 2]
    assert not db.conn.in_transaction
