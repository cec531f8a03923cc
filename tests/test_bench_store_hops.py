"""One statement is one trip to the connection's thread (bench/peak.py found three).

aiosqlite's cursor API costs a hop each to execute, fetch and close. Under 1,000 taps in a
second those hops, taken in turn under the store's one lock, kept the event loop waiting:
p95 from tap to answer 2.1 s; with one hop per statement 1.1–1.3 s (docs/developers/performance.md).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from typing import Any

import pytest

from bot.store.holder import Store


def count_hops(store: Store) -> list[Callable[..., Any]]:
    """Every function sent to the connection's thread, in order."""
    sent: list[Callable[..., Any]] = []
    real = store.conn._execute

    async def counted(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        sent.append(fn)
        return await real(fn, *args, **kwargs)

    store.conn._execute = counted  # type: ignore[method-assign]
    return sent


async def test_a_statement_is_one_hop_and_reads_whole(store: Store) -> None:
    await store.db.run("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    hops = count_hops(store)

    inserted = await store.db.run("INSERT INTO t (name) VALUES (?)", ("a",))
    assert (inserted.rowcount, inserted.lastrowid) == (1, 1)
    changed = await store.db.run("UPDATE t SET name = 'b' WHERE id > 0")
    assert changed.rowcount == 1
    rows = await store.db.execute_fetchall("SELECT id, name FROM t")
    assert [tuple(row) for row in rows] == [(1, "b")]
    async with store.db.execute("SELECT name FROM t") as result:
        assert (await result.fetchone())["name"] == "b"  # type: ignore[index]
    assert len(hops) == 4, "one hop per statement"


async def test_a_batch_of_its_own_is_one_hop_and_a_transaction_a_hop_per_step(store: Store) -> None:
    await store.db.run("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    hops = count_hops(store)

    batch = await store.db.executemany("INSERT INTO t (name) VALUES (?)", [("a",), ("b",)])
    assert batch.rowcount == 2
    assert len(hops) == 1, "BEGIN, the batch and COMMIT in one hop"
    async with store.transaction():
        await store.db.run("DELETE FROM t WHERE name = 'a'")
        await store.db.run("INSERT INTO t (name) VALUES ('c')")
    assert len(hops) == 1 + 4
    assert [r["name"] for r in await store.db.execute_fetchall("SELECT name FROM t")] == ["b", "c"]


async def test_a_failing_statement_raises_and_the_next_one_runs(store: Store) -> None:
    with pytest.raises(sqlite3.OperationalError):
        await store.db.run("SELECT * FROM no_such_table")
    with pytest.raises(sqlite3.OperationalError):
        await store.db.executemany("INSERT INTO no_such_table VALUES (?)", [(1,)])
    assert not store.conn.in_transaction
    assert [tuple(r) for r in await store.db.execute_fetchall("SELECT 1")] == [(1,)]


async def test_statements_waiting_together_go_in_one_hop_each_on_its_own(store: Store) -> None:
    await store.db.run("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)")
    hops = count_hops(store)

    async def insert(name: str) -> int | None:
        return (await store.db.run("INSERT INTO t (name) VALUES (?)", (name,))).lastrowid

    names = [f"n{i}" for i in range(50)]
    ids = await asyncio.gather(*(insert(n) for n in names))
    assert len(hops) == 1
    assert sorted(ids) == list(range(1, 51))  # type: ignore[type-var]
    with pytest.raises(sqlite3.IntegrityError):  # a failing one fails only itself
        await asyncio.gather(insert("n1"), insert("fresh"))
    assert [r["name"] for r in await store.db.execute_fetchall("SELECT name FROM t")][-1] == (
        "fresh"
    )
    assert not store.conn.in_transaction


async def test_a_cancelled_caller_s_statement_is_not_run(store: Store) -> None:
    await store.db.run("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    async with store.transaction():  # holds the connection: the next statement waits
        waiting = asyncio.create_task(store.db.run("INSERT INTO t (name) VALUES ('x')"))
        await asyncio.sleep(0)
        waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert await store.db.execute_fetchall("SELECT name FROM t") == []
