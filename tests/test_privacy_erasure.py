"""Erasure and the copy walk the whole map, table by table: a row naming the person is
written into every mapped table (a future one too, once it has its line in the map); the
copy holds every one of them; after the erasure neither the database file nor its WAL
holds their id or their words, byte for byte (a backup made afterwards:
tests/test_e2e_privacy.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bot.content.service import ContentService
from bot.delivery.notify import Notifier
from bot.i18n.catalogues import build_i18n, language_scope
from bot.privacy.service import PrivacyService
from bot.privacy.user_map import (
    DEPENDENT_ROWS,
    PERSONAL_BODIES,
    USER_COLUMNS,
    Erase,
    Match,
    UserColumn,
    tables,
)
from bot.privacy.values import Leaver
from bot.programme.audit import NewEntry
from bot.programme.values import Action, Edit, Fields, Source
from bot.store.holder import Store
from bot.users.access import AccessService
from bot.users.values import Role, User
from handlers.privacy.notices import PrivacyMessages
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.press_kit import ORGANISER, store_delivery
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
    await write_dependent_rows(store)
    await store.db.run("PRAGMA ignore_check_constraints = OFF")
    await store.db.run("PRAGMA foreign_keys = ON")


DEPENDENT = 424_242
"""What a dependent row points at besides its parent (a letter's body, a request)."""


async def write_dependent_rows(store: Store) -> None:
    """A row hanging off each of the person's rows that has dependents (their email
    contact's letter and filed request), and a personal body with an attachment that
    only their letter refers to: all of it theirs to lose."""
    for dependent in DEPENDENT_ROWS:
        parents = (await store.privacy.rows_of(ZED))[dependent.parent]
        columns = await store.db.execute_fetchall(f"PRAGMA table_info({dependent.table})")
        columns = [c for c in columns if c["dflt_value"] is None and c["name"] != "id"]
        values: dict[str, object] = {
            c["name"]: DEPENDENT if "INT" in c["type"].upper() else f"{MARK}-{c['name']}"
            for c in columns
        }
        values[dependent.column] = parents[0][dependent.parent_column]
        marks = ", ".join("?" * len(values))
        await store.db.run(
            f"INSERT INTO {dependent.table} ({', '.join(values)}) VALUES ({marks})",
            list(values.values()),
        )
    await store.db.run(
        f"INSERT INTO {PERSONAL_BODIES.table} (id, kind, key, language, subject, text, html)"
        " VALUES (?, 'email.answer', ?, 'ru', ?, ?, ?)",
        (DEPENDENT, *(f"{MARK}-body-{n}" for n in range(4))),
    )
    await store.db.run(
        "INSERT INTO email_attachments (body_id, position, filename, mime, content)"
        " VALUES (?, 0, ?, 'application/pdf', ?)",
        (DEPENDENT, f"{MARK}.pdf", f"{MARK}-attachment".encode()),
    )


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
    assert {"email_bodies", "email_attachments"} <= set(erasure.touched), "her answer"
    assert await store.privacy.rows_of(ZED) == {}
    assert found_in_files(database, traces(ZED, (MARK,))) == {}

    kept = await store.db.execute_fetchall(
        "SELECT user_id FROM feedback UNION ALL SELECT user_id FROM survey_answers"
    )
    assert [row[0] < 0 for row in kept] == [True, True], "ratings and answers stay, unlinked"


async def test_an_organiser_who_leaves_is_renamed_in_the_audit_log_and_the_others_told(
    store: Store, tmp_path: Path
) -> None:
    clock = ManualClock(local(5, 9))
    await ContentService(store, clock).load(DATA_DIR)
    for organiser, name in ((ORGANISER, "Press office"), (7601, "Guljahan Amanova")):
        await store.users.touch(organiser, name, None, "en", clock.now())
    await store.users.set_role(7601, Role.ORGANISER, None)
    first = (await store.programme.sessions())[0]
    fields = Fields(first.starts_at, first.ends_at, first.room, first.title, None)
    edit = Edit(first.id, first.key, first.day, fields, fields)
    entry = NewEntry(Source.CHAT, Action.STARTED, [edit], 7601, actor_name="Guljahan Amanova")
    await store.programme_audit.add(entry, clock.now())
    i18n = build_i18n("ru")
    notifier = Notifier(store_delivery(store, clock), store.users, "ru", language_scope(i18n))
    access = AccessService(store, (ORGANISER,))
    privacy = PrivacyService(store, clock, access, notifier, PrivacyMessages())
    leaving = User(id=7601, first_name="Guljahan Amanova", language="en", role=Role.ORGANISER)

    erasure = await privacy.forget(leaving)
    assert erasure.leaver is Leaver.ORGANISER
    [logged] = await store.db.execute_fetchall("SELECT actor_id, actor_name FROM programme_log")
    assert tuple(logged) == (None, "[erased]")
    told = await store.db.execute_fetchall(
        "SELECT chat_id, text FROM outbox WHERE kind = 'privacy.left'"
    )
    assert [row[0] for row in told] == [ORGANISER]
    assert told[0][1].startswith("🗑 An organiser asked the bot to erase their data")
    assert await access.organiser_ids() == [ORGANISER]
    assert found_in_files(tmp_path / "unit.sqlite3", [b"Guljahan"]) == {}
