"""The SQL of rows that are a person's through another row of theirs (``DEPENDENT_ROWS``
in ``bot/privacy/user_map.py``): an email contact's letters and filed requests. Built
from the map only, as ``bot/privacy/repository.py`` builds the rest.

The people to erase are given as roots: ``(table, column, ids as a JSON list)``. For
Telegram users the roots are the map's own columns whose rows are theirs
(``email_contacts.user_id``); for a journalist known by email alone, the contact's id.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from bot.privacy.user_map import (
    DEPENDENT_ROWS,
    PERSONAL_BODIES,
    USER_COLUMNS,
    DependentRow,
    Erase,
    Match,
)

Root = tuple[str, str, str]
Where = tuple[str, tuple[Any, ...]]


def roots(user_ids: Sequence[int], others: Mapping[str, Sequence[int]]) -> list[Root]:
    """Telegram users' own rows, and rows of ``PEOPLE_WITHOUT_TELEGRAM`` by their id."""
    found: list[Root] = []
    if user_ids:
        ids = json.dumps(list(user_ids))
        found += [
            (entry.table, entry.column, ids)
            for entry in USER_COLUMNS
            if entry.erase is Erase.DELETE and entry.match is Match.EQUALS
        ]
    found += [(table, "id", json.dumps(list(ids))) for table, ids in others.items() if ids]
    return found


def _owned(table: str, people: list[Root]) -> Where:
    """Which rows of ``table`` are the people's: directly, or through a parent."""
    parts: list[str] = []
    params: list[Any] = []
    for root_table, column, ids in people:
        if root_table == table:
            parts.append(f"{table}.{column} IN (SELECT value FROM json_each(?))")
            params.append(ids)
    for dependent in DEPENDENT_ROWS:
        if dependent.table == table:
            where, more = dependent_where(dependent, people)
            if where:
                parts.append(where)
                params.extend(more)
    return " OR ".join(parts), tuple(params)


def dependent_where(dependent: DependentRow, people: list[Root]) -> Where:
    """The rows of ``dependent.table`` that hang off the people's rows ('' for none)."""
    inner, params = _owned(dependent.parent, people)
    if not inner:
        return "", ()
    parent = f"{dependent.parent}.{dependent.parent_column}"
    found = f"SELECT {parent} FROM {dependent.parent} WHERE {inner}"
    return f"{dependent.table}.{dependent.column} IN ({found})", params


def _orphan() -> str:
    bodies = PERSONAL_BODIES
    referrer, column = bodies.referrer.split(".")
    published = ", ".join(f"'{kind}'" for kind in bodies.published)
    return (
        f"kind NOT IN ({published}) AND NOT EXISTS"
        f" (SELECT 1 FROM {referrer} WHERE {referrer}.{column} = {bodies.table}.id)"
    )


def personal_bodies_sql() -> list[tuple[str, str]]:
    """``(table, statement)`` deleting the bodies no letter refers to any more, that are
    not published content, their parts first (an answer to someone's own request)."""
    orphans = f"SELECT id FROM {PERSONAL_BODIES.table} WHERE {_orphan()}"
    statements = []
    for part in PERSONAL_BODIES.parts:
        table, column = part.split(".")
        statements.append((table, f"DELETE FROM {table} WHERE {column} IN ({orphans})"))
    statements.append(
        (PERSONAL_BODIES.table, f"DELETE FROM {PERSONAL_BODIES.table} WHERE {_orphan()}")
    )
    return statements
