"""The one map of personal data covers the whole schema: every column named like a
person's id, and every foreign key to ``users``, is in ``bot/privacy/user_map.py`` (or
explicitly not a person), so a new table cannot be missed by the copy, the erasure or
the purge."""

from __future__ import annotations

import re

from bot.privacy.user_map import (
    DEPENDENT_ROWS,
    NOT_PEOPLE,
    PEOPLE_WITHOUT_TELEGRAM,
    PERSONAL_BODIES,
    USER_COLUMNS,
    Erase,
    tables,
)
from bot.store.holder import Store

WHO = "user|chat|telegram|author|journalist|actor|moderator|member|rater|owner|recipient"
PERSON_LIKE = re.compile(rf"^(id|key)$|({WHO})(_id)?$|_by$")
"""Column names that may hold a Telegram id (``id`` and ``key`` only in a users-like
table: checked below against the map's own entries for ``users`` and ``fsm_states``)."""


async def schema(store: Store) -> dict[str, list[str]]:
    rows = await store.db.execute_fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    found = {}
    for row in rows:
        columns = await store.db.execute_fetchall(f"PRAGMA table_info({row[0]})")
        found[row[0]] = [column["name"] for column in columns]
    return found


async def test_every_column_that_may_name_a_person_is_mapped(store: Store) -> None:
    mapped = {(entry.table, entry.column) for entry in USER_COLUMNS}
    missing = []
    for table, columns in (await schema(store)).items():
        for column in columns:
            if column in ("id", "key") and table not in ("users", "fsm_states"):
                continue
            known = (table, column) in mapped or (table, column) in NOT_PEOPLE
            if PERSON_LIKE.search(column) and not known:
                missing.append(f"{table}.{column}")
    assert not missing, f"add these to bot/privacy/user_map.py: {missing}"


async def test_every_foreign_key_to_users_is_mapped(store: Store) -> None:
    mapped = {(entry.table, entry.column) for entry in USER_COLUMNS}
    references = []
    for table in await schema(store):
        for key in await store.db.execute_fetchall(f"PRAGMA foreign_key_list({table})"):
            if key["table"] == "users":
                references.append((table, key["from"]))
    assert references, "the schema has foreign keys to users: is the walk reading it?"
    assert [ref for ref in references if ref not in mapped] == []


async def unmapped_references_to_people(store: Store) -> list[tuple[str, str]]:
    """Foreign keys to a table of people without Telegram (email contacts), and columns
    named like one (``contact_id``), that the map's dependent rows do not cover; and
    foreign keys to the bodies of letters that are not the bodies' referrer or parts."""
    dependents = {(d.table, d.column) for d in DEPENDENT_ROWS}
    bodies = {tuple(ref.split(".")) for ref in (PERSONAL_BODIES.referrer, *PERSONAL_BODIES.parts)}
    missing = []
    for table, columns in (await schema(store)).items():
        for key in await store.db.execute_fetchall(f"PRAGMA foreign_key_list({table})"):
            ref = (table, key["from"])
            if key["table"] in PEOPLE_WITHOUT_TELEGRAM and ref not in dependents:
                missing.append(ref)
            if key["table"] == PERSONAL_BODIES.table and ref not in bodies:
                missing.append(ref)
        missing += [
            (table, c) for c in columns if c == "contact_id" and (table, c) not in dependents
        ]
    return sorted(set(missing))


async def test_every_reference_to_an_email_contact_is_mapped(store: Store) -> None:
    assert await unmapped_references_to_people(store) == []


async def test_a_new_table_hanging_off_an_email_contact_is_caught(store: Store) -> None:
    await store.db.run(
        "CREATE TABLE email_clicks (contact INTEGER REFERENCES email_contacts (id), url TEXT)"
    )
    await store.db.run("CREATE TABLE email_opens (contact_id INTEGER, at TEXT)")
    assert await unmapped_references_to_people(store) == [
        ("email_clicks", "contact"),
        ("email_opens", "contact_id"),
    ]


async def test_the_map_names_only_real_columns(store: Store) -> None:
    """A renamed or dropped column fails here, not in a user's erasure."""
    found = await schema(store)
    for entry in USER_COLUMNS:
        assert entry.column in found.get(entry.table, []), f"{entry.table}.{entry.column}"
        for extra in (*entry.cleared, *entry.blanked, *entry.renamed):
            assert extra in found[entry.table], f"{entry.table}.{extra}"
    assert set(NOT_PEOPLE) <= {(t, c) for t, cs in found.items() for c in cs}
    for dependent in DEPENDENT_ROWS:
        assert dependent.column in found[dependent.table], dependent
        assert dependent.parent_column in found[dependent.parent], dependent
    for table, link in PEOPLE_WITHOUT_TELEGRAM.items():
        assert {"id", link} <= set(found[table])


async def test_a_new_table_is_caught(store: Store) -> None:
    """The walk does fail for a table the map does not know (a future feature's)."""
    await store.db.run("CREATE TABLE badges (user_id INTEGER NOT NULL, badge TEXT)")
    mapped = {(entry.table, entry.column) for entry in USER_COLUMNS}
    new = [
        (t, c)
        for t, cs in (await schema(store)).items()
        for c in cs
        if t == "badges" and PERSON_LIKE.search(c) and (t, c) not in mapped
    ]
    assert new == [("badges", "user_id")]


def test_each_table_is_erased_one_way_per_column() -> None:
    pairs = [(entry.table, entry.column) for entry in USER_COLUMNS]
    assert len(pairs) == len(set(pairs))
    assert tables()[0] == "users"
    assert {entry.erase for entry in USER_COLUMNS} == set(Erase)
