"""One aiosqlite connection per process and the ordered schema migrations."""

from __future__ import annotations

import logging
import sqlite3
from importlib import resources
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)


def migration_scripts() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every file in ``migrations/``, in version order."""
    scripts = []
    for entry in resources.files("bot.store.migrations").iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            scripts.append((version, entry.name, entry.read_text(encoding="utf-8")))
    scripts.sort()
    versions = [version for version, _, _ in scripts]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migration versions must be 1..n without gaps, got {versions}")
    return scripts


async def connect(path: Path, *, autocommit: bool = False) -> aiosqlite.Connection:
    """Open the store with WAL (readers never wait for the writer) and foreign keys on.

    ``autocommit``: each statement commits by itself unless a ``BEGIN`` opened a
    transaction. The main connection is shared by concurrent handlers and jobs; with
    Python's implicit transactions one coroutine's ``rollback`` or ``BEGIN`` would meet
    another's half-done writes.
    """
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = await aiosqlite.connect(path, isolation_level=None if autocommit else "")
    conn.row_factory = aiosqlite.Row
    try:
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA busy_timeout = 5000")
        await conn.execute("PRAGMA synchronous = NORMAL")
        # Deleted rows are overwritten with zeros, not left in free space (issue 23).
        await conn.execute("PRAGMA secure_delete = ON")
    except BaseException:
        await conn.close()  # its thread would keep the process from exiting
        raise
    return conn


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection, target: int | None = None) -> int:
    """Apply the migrations the file has not seen yet, each in its own transaction."""
    current = await schema_version(conn)
    for version, name, sql in migration_scripts():
        if version <= current or (target is not None and version > target):
            continue
        log.info("applying migration %s", name)
        # executescript commits first, so the script carries its own transaction.
        try:
            await conn.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
            )
        except sqlite3.Error:
            await conn.rollback()
            if await schema_version(conn) < version:
                raise
            # Another process (the bot, a `load`) applied it meanwhile.
        current = version
    return current
