"""Erasure and the copy walk the whole map, table by table: a row naming the person is
written into every mapped table (a future one too, once it has its line in the map); the
copy holds every one of them; after the erasure neither the database file nor its WAL
holds their id or their words, byte for byte (a backup made afterwards:
tests/test_e2e_privacy.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bot.privacy.service import PrivacyService
from bot.privacy.user_map import USER_COLUMNS, Erase, Match, UserColumn, tables
from bot.store.holder import Store
from bot.users.access import AccessService
from tests.clock import ManualClock
from tests.privacy_kit import ZED, found_in_files, traces

MARK = "Xanthippe-Marker"
"""The person's words: put in every column that is theirs to lose."""
NEUTRAL = "neutral"


def theirs(entry: UserColumn, column: str) -> bool:
    """Whether the erasure must take this column's words: all of a row that goes, and
    only the emptied or renamed columns of a row that stays."""
    if entry.erase is Erase.DELETE:
        return True
    return column in (*entry.cleared, *entry.blanked, *entry.renamed)


def value_for(entry: UserColumn, column: dict[str, Any]) -> object:
    name, kind = column["name"], (column["type"] or "").upper()
    if name == entry.column:
        return f"fsm:1:{ZED}:{ZED}:default" if entry.match is Match.FSM_KEY else ZED
    if "INT" in kind:
        return 1 if name != "id" else None
    if "REAL" in kind:
        return 1.0
    return f"{MARK}-{entry.table}-{name}" if theirs(entry, name) else NEUTRAL


async def write_a_row_everywhere(store: Store) -> None:
    """One row per map entry, every column without a default filled; the schema's CHECKs and
    foreign keys are off for these writes only: the row is about who, not what."""
    await store.db.run("PRAGMA foreign_keys = OFF")
    await store.db.run("PRAGMA ignore_check_constraints = ON")
    for entry in USER_COLUMNS:
        columns = await store.db.execute_fetchall(f"PRAGMA table_info({entry.table})")
        # A column with a default keeps it (a role, a state): the code reads those back.
        columns = [c for c in columns if c["dflt_value"] is None or c["name"] == entry.column]
        names = [c["name"] for c in columns]
        values = [value_for(entry, dict(c)) for c in columns]
        marks = ", ".join("?" * len(names))
        await store.db.run(
            f"INSERT OR IGNORE INTO {entry.table} ({', '.join(names)}) VALUES ({marks})",
            values,
        )
    await store.db.run("PRAGMA ignore_check_constraints = OFF")
    await store.db.run("PRAGMA foreign_keys = ON")


async def test_every_mapped_table_is_copied_then_erased_to_the_last_byte(
    store: Store, tmp_path: Path
) -> None:
    clock = ManualClock(dt.datetime(2025, 9, 5, 9, tzinfo=dt.UTC))
    privacy = PrivacyService(store, clock, AccessService(store, ()), None, None)
    await write_a_row_everywhere(store)
    database = tmp_path / "unit.sqlite3"
    assert found_in_files(database, [MARK.encode()]), "the rows are in the files"

    copy = await store.privacy.rows_of(ZED)
    assert set(copy) == set(tables()), "the copy walks every table of the map"
    assert all(copy[table] for table in tables())

    erasure = await privacy.erase(ZED)
    assert erasure.clean
    assert set(tables()) <= set(erasure.touched)
    assert await store.privacy.rows_of(ZED) == {}
    assert found_in_files(database, traces(ZED, (MARK,))) == {}

    kept = await store.db.execute_fetchall(
        "SELECT user_id FROM feedback UNION ALL SELECT user_id FROM survey_answers"
    )
    assert [row[0] < 0 for row in kept] == [True, True], "ratings and answers stay, unlinked"
