"""Named CSV exports for the press office: ``python -m bot export NAME``.

An export is a name, a one-line description, the header row and an async row source
reading one repository. A feature adds its export by adding a row method to its
repository and one ``Export`` entry to ``EXPORTS``.
"""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TextIO

from bot.store import Store

Rows = Callable[[Store], AsyncIterator[tuple[object, ...]]]


@dataclass(frozen=True, slots=True)
class Export:
    name: str
    description: str
    header: tuple[str, ...]
    rows: Rows


EXPORTS: dict[str, Export] = {
    export.name: export
    for export in (
        Export(
            "users",
            "everyone who has talked to the bot, with language and first/last visit (UTC)",
            (
                "telegram_id",
                "first_name",
                "username",
                "chosen_language",
                "telegram_language",
                "first_seen_utc",
                "last_seen_utc",
            ),
            lambda store: store.users.export_rows(),
        ),
    )
}


async def write_csv(export: Export, store: Store, out: TextIO) -> int:
    """Write the header and every row; returns the number of data rows."""
    writer = csv.writer(out)
    writer.writerow(export.header)
    count = 0
    async for row in export.rows(store):
        writer.writerow("" if value is None else value for value in row)
        count += 1
    return count
