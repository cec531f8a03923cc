"""The one connection of a process and its unit of work.

Every coroutine of the bot shares one aiosqlite connection. Statements take turns under
one asyncio lock, and an operation that writes more than once opens
``async with db.transaction():`` so its writes, outbox rows included, commit together or
not at all. Two connections to one file (as before) failed under load: a read left open
on one across another's commit raised «database is locked» at once, and the busy timeout
never helped. Another *process* (``python -m bot load``) still writes the same file;
SQLite's busy timeout makes each side wait for the other's short transaction.

A transaction always ends in COMMIT or ROLLBACK, so a failed statement never leaves the
connection inside a half-done transaction for the next caller.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

import aiosqlite

Params = Sequence[Any] | dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Result:
    """What a statement came to, read whole before the connection is handed on."""

    rows: list[sqlite3.Row]
    rowcount: int
    lastrowid: int | None

    async def fetchone(self) -> sqlite3.Row | None:
        return self.rows[0] if self.rows else None

    async def fetchall(self) -> list[sqlite3.Row]:
        return self.rows

    async def __aiter__(self) -> AsyncIterator[sqlite3.Row]:
        for row in self.rows:
            yield row


class _Statement:
    """``await db.execute(...)`` or ``async with db.execute(...) as result``, as aiosqlite."""

    def __init__(self, db: Database, sql: str, params: Params) -> None:
        self._db = db
        self._sql = sql
        self._params = params

    def __await__(self) -> Any:
        return self._db.run(self._sql, self._params).__await__()

    async def __aenter__(self) -> Result:
        return await self._db.run(self._sql, self._params)

    async def __aexit__(self, *exc_info: object) -> None:
        return None


@dataclass(frozen=True, slots=True)
class _Holder:
    """Marks the task that holds the lock inside a transaction (child tasks do not)."""

    db: Database
    task: asyncio.Task[Any] | None
    committed: list[Callable[[], object]] = field(default_factory=list)


_holding: ContextVar[_Holder | None] = ContextVar("holding_transaction", default=None)


class Database:
    """The process's connection: one statement or one transaction at a time."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self._lock = asyncio.Lock()
        self._waiting: list[tuple[str, Params, asyncio.Future[Result]]] = []
        self._flush_planned = False
        self._flushes: set[asyncio.Task[None]] = set()

    def in_transaction(self) -> bool:
        """Whether the calling task is inside ``transaction()``: what it reads there may
        yet be rolled back."""
        holder = _holding.get()
        return holder is not None and holder.db is self and holder.task is asyncio.current_task()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """All writes inside commit together; any exception rolls all of them back.

        Nested use joins the outer transaction, so a repository method that needs
        several statements can open one and still be part of a caller's operation.
        """
        if self.in_transaction():
            yield
            return
        async with self._lock:
            holder = _Holder(self, asyncio.current_task())
            token = _holding.set(holder)
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                except BaseException:
                    await self._rollback()
                    raise
                try:
                    await self.conn.commit()
                except BaseException:
                    await self._rollback()
                    raise
            finally:
                _holding.reset(token)
        for apply in holder.committed:
            apply()

    def after_commit(self, apply: Callable[[], object]) -> None:
        """Run ``apply`` once the current operation has committed (at once outside one).

        For in-memory mirrors of stored rows (a cache of users' roles): a rolled-back
        operation must leave them as they were.
        """
        holder = _holding.get()
        if holder is not None and self.in_transaction():
            holder.committed.append(apply)
        else:
            apply()

    async def _rollback(self) -> None:
        if self.conn.in_transaction:
            await asyncio.shield(self.conn.rollback())

    def execute(self, sql: str, params: Params = ()) -> _Statement:
        return _Statement(self, sql, params)

    async def run(self, sql: str, params: Params = ()) -> Result:
        """One statement; outside a transaction it commits by itself (autocommit).

        Statements of different tasks waiting for the connection at once go to its thread
        together, in the order they came, each committing by itself as before: under a
        burst (bench/peak.py) a thousand users' reads were a thousand hops, each waking
        the thread and then the event loop; now they are a few dozen.
        """
        if self.in_transaction():
            return await self._run(sql, params)
        future: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._waiting.append((sql, params, future))
        if not self._flush_planned:
            self._flush_planned = True
            flush = asyncio.create_task(self._flush(), name="store-statements")
            self._flushes.add(flush)
            flush.add_done_callback(self._flushes.discard)
        return await future

    async def _flush(self) -> None:
        """Run every statement waiting when the connection comes free, in one hop."""
        async with self._lock:
            batch, self._waiting = self._waiting, []
            self._flush_planned = False
            batch = [waiting for waiting in batch if not waiting[2].done()]  # not cancelled
            if not batch:
                return
            try:
                outcomes = await self._on_thread(_each, [(sql, p) for sql, p, _ in batch])
            except BaseException as error:
                for _sql, _params, future in batch:
                    if not future.done():
                        future.set_exception(
                            error if isinstance(error, Exception) else RuntimeError("closing")
                        )
                raise
        for (_sql, _params, future), outcome in zip(batch, outcomes, strict=True):
            if future.done():  # its caller was cancelled while the statement ran
                continue
            if isinstance(outcome, Exception):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)

    async def _run(self, sql: str, params: Params) -> Result:
        return await self._on_thread(_statement, sql, params)

    async def _on_thread(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(sqlite_connection, *args)`` on the connection's thread, in one hop.

        aiosqlite's cursor API costs a hop each to execute, fetch and close; every hop
        wakes its thread and then the event loop, under the one statement lock, so
        under a burst they were the bot's bottleneck (bench/peak.py). aiosqlite has no
        public call for «run this there», hence its ``_execute`` (pinned to 0.22).
        """
        run_there: Callable[..., Awaitable[T]] = self.conn._execute
        return await run_there(fn, self.conn._conn, *args)

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return (await self.run(sql, params)).rows

    async def executemany(self, sql: str, rows: Iterable[Params]) -> Result:
        """Many rows of one statement, all or none (one transaction of their own or the
        caller's). A transaction of their own is begun, run and committed in one hop to
        the connection's thread, not three (a «Remind me» tap is one such batch)."""
        if self.in_transaction():
            return await self._on_thread(_many, sql, rows)
        async with self._lock:
            return await self._on_thread(_many_committed, sql, rows)


def _statement(conn: sqlite3.Connection, sql: str, params: Params) -> Result:
    cursor = conn.execute(sql, params)
    try:
        return Result(cursor.fetchall(), cursor.rowcount, cursor.lastrowid)
    finally:
        cursor.close()


def _each(
    conn: sqlite3.Connection, statements: list[tuple[str, Params]]
) -> list[Result | Exception]:
    """Statements one after another, each on its own: one failing fails only itself."""
    outcomes: list[Result | Exception] = []
    for sql, params in statements:
        try:
            outcomes.append(_statement(conn, sql, params))
        except Exception as error:  # handed to its caller, as if it had run alone
            outcomes.append(error)
    return outcomes


def _many(conn: sqlite3.Connection, sql: str, rows: Iterable[Params]) -> Result:
    cursor = conn.executemany(sql, rows)
    try:
        return Result([], cursor.rowcount, cursor.lastrowid)
    finally:
        cursor.close()


def _many_committed(conn: sqlite3.Connection, sql: str, rows: Iterable[Params]) -> Result:
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = _many(conn, sql, rows)
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
    return result
