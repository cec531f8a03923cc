"""One aiosqlite connection per process and the ordered schema migrations."""

from __future__ import annotations

import logging
import sqlite3
from importlib import resources
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)


def migration_scripts() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every file in ``migrations/``, in version order.

    Numbers are handed out to features ahead of time, so a branch may lack one below its
    own (a gap) and a later number may land first; ``migrate`` applies whatever a store
    has not had. Two files with one number are a mistake.
    """
    scripts = []
    for entry in resources.files("bot.store.migrations").iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            scripts.append((version, entry.name, entry.read_text(encoding="utf-8")))
    scripts.sort()
    versions = [version for version, _, _ in scripts]
    if len(set(versions)) != len(versions) or (versions and versions[0] < 1):
        raise RuntimeError(f"migration versions must be distinct and from 1 up, got {versions}")
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
    except BaseException:
        await conn.close()  # its thread would keep the process from exiting
        raise
    return conn


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def applied_versions(conn: aiosqlite.Connection) -> set[int]:
    """The migrations this store has had. Each is recorded in ``schema_migrations`` as it
    is applied; a store from before that table knows only its ``user_version``, and then
    numbers had no gaps: it has had 1..user_version."""
    async with conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ) as cursor:
        recorded = await cursor.fetchone() is not None
    if not recorded:
        return set(range(1, await schema_version(conn) + 1))
    async with conn.execute("SELECT version FROM schema_migrations") as cursor:
        return {int(row[0]) for row in await cursor.fetchall()}


def _record(done: set[int], version: int) -> str:
    """SQL that records ``version`` (and what the store had before the table existed)."""
    values = ", ".join(f"({number})" for number in sorted(done | {version}))
    return (
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY);\n"
        f"INSERT OR IGNORE INTO schema_migrations (version) VALUES {values};\n"
        f"PRAGMA user_version = {max(done | {version})};"
    )


async def migrate(conn: aiosqlite.Connection, target: int | None = None) -> int:
    """Apply every migration the store has not had, each in its own transaction, and
    return the schema version (the highest applied).

    A number below the highest is applied too when the store lacks it: numbers are handed
    out ahead, so a later number may land (and be applied) before an earlier one.
    """
    done = await applied_versions(conn)
    for version, name, sql in migration_scripts():
        if version in done or (target is not None and version > target):
            continue
        log.info("applying migration %s", name)
        # executescript commits first, so the script carries its own transaction.
        try:
            await conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\n{_record(done, version)}\nCOMMIT;")
        except sqlite3.Error:
            await conn.rollback()
            if version not in await applied_versions(conn):
                raise
            # Another process (the bot, a `load`) applied it meanwhile.
        done = await applied_versions(conn)
    return await schema_version(conn)
