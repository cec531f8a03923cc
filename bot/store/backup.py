"""A consistent copy of the store while the bot keeps writing: SQLite's online backup API.

The copy is made in one backup step, which reads one snapshot of the database (WAL lets
the bot go on writing meanwhile), into a temporary file that is checked and then renamed
into place, so a half-written backup never carries the final name.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: Path
    size: int
    schema_version: int


class BackupError(Exception):
    pass


BACKUP_NAME = "event-desk-%Y%m%d-%H%M%S.sqlite3"


def prune_backups(folder: Path, now: dt.datetime, keep: dt.timedelta) -> list[Path]:
    """Delete the time-stamped backups in ``folder`` older than ``keep`` (by the time in
    their name): a person erased from the store is gone from every backup once the last
    one made before the erasure is that old (issue 23). Other files are left alone."""
    removed = []
    for path in sorted(folder.glob("event-desk-*.sqlite3")):
        try:
            made = dt.datetime.strptime(path.name, BACKUP_NAME)
        except ValueError:
            continue  # not one of ours
        if now - made > keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def backup_target(target: Path, now: dt.datetime) -> Path:
    """A directory gets a time-stamped file name, so a cron job can keep a series."""
    if target.is_dir():
        return target / now.strftime(BACKUP_NAME)
    return target


async def backup(source: Path, target: Path) -> BackupReport:
    return await asyncio.to_thread(_backup, source, target)


def _backup(source: Path, target: Path) -> BackupReport:
    if not source.is_file():
        raise BackupError(f"{source} does not exist: is DATABASE_PATH right?")
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError("the backup would overwrite the store itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)  # pages=-1: the whole database from one read snapshot
            # A self-contained file: no -wal/-shm companions needed to open the copy.
            dst.execute("PRAGMA journal_mode = DELETE")
            verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
            version = dst.execute("PRAGMA user_version").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its integrity check: {verdict}")
    os.replace(partial, target)
    return BackupReport(target, target.stat().st_size, int(version))
