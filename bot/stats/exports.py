"""Named CSV exports for the press office: ``python -m bot export NAME``.

An export is a name, a one-line description, the header row and an async row source
reading one repository. A feature adds its export by adding a row method to its
repository and one ``Export`` entry to ``EXPORTS``; every export is written by
``write_csv``, which neutralises cells a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TextIO

from bot.programme import audit as programme_audit
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import require_organiser
from bot.users.values import User

Rows = Callable[[Store], AsyncIterator[tuple[object, ...]]]


ID_COLUMNS = frozenset({"telegram_id", "decided_by", "taken_by", "actor_id", "added_by"})
"""Telegram ids: left out of an organiser's export unless they ask (issue 23)."""
PERSONAL_COLUMNS = ID_COLUMNS | {
    "first_name",
    "username",
    "full_name",
    "journalist",
    "contact",
    "actor_name",
    "address",
}
"""An export with one of these holds personal data: each one is recorded (who, when)."""


@dataclass(frozen=True, slots=True)
class Export:
    name: str
    description: str
    header: tuple[str, ...]
    rows: Rows

    @property
    def personal(self) -> bool:
        return not PERSONAL_COLUMNS.isdisjoint(self.header)


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
        Export(
            "subscriptions",
            "who follows which session (reminders), in programme order",
            (
                "telegram_id",
                "first_name",
                "username",
                "session_id",
                "session_title_ru",
                "session_starts_utc",
                "subscribed_utc",
            ),
            lambda store: store.reminders.export_rows(),
        ),
        Export(
            "accreditations",
            "every accreditation application and its decision",
            (
                "application",
                "telegram_id",
                "full_name",
                "outlet",
                "role",
                "contact",
                "status",
                "applied_utc",
                "decided_utc",
                "decided_by",
            ),
            lambda store: store.accreditations.export_rows(),
        ),
        Export(
            "press-requests",
            "every quote request with the journalist, question, state and answer",
            (
                "request",
                "telegram_id",
                "journalist",
                "outlet",
                "addressed_to_kind",
                "addressed_to_ru",
                "question",
                "deadline_utc",
                "status",
                "taken_by",
                "answer",
                "decline_reason",
                "created_utc",
                "updated_utc",
            ),
            lambda store: store.quote_requests.export_rows(),
        ),
        Export(
            "feedback",
            "every session rating (1-5) and comment, anonymous, in programme order",
            (
                "session_id",
                "session_key",
                "session_title_ru",
                "session_title_en",
                "session_starts_utc",
                "rating",
                "comment",
                "rated_utc",
            ),
            lambda store: store.feedback.export_rows(),
        ),
        Export(
            "changes",
            "every programme change (chat, load, sync): who, when, before → after, per session",
            programme_audit.EXPORT_HEADER,
            lambda store: store.programme_audit.export_rows(),
        ),
        Export(
            "survey",
            "every answer to the after-meeting survey (data/survey.yaml), anonymous",
            ("question", "answer", "answer_ru", "answer_en", "answered_utc"),
            lambda store: store.surveys.export_rows(),
        ),
        Export(
            "embargo-log",
            "who received an embargoed release before it lifted (notice or document), and when",
            (
                "release",
                "release_key",
                "title_ru",
                "embargo_until_utc",
                "telegram_id",
                "journalist",
                "outlet",
                "channel",
                "received_utc",
                "notice_delivery",
                "notice_sent_utc",
            ),
            lambda store: store.embargo_log.export_rows(),
        ),
        Export(
            "email-contacts",
            "every email address of the press office, with its choices and dates (UTC)",
            (
                "email_contact",
                "telegram_id",
                "full_name",
                "outlet",
                "address",
                "language",
                "releases",
                "summaries",
                "advisories",
                "answers",
                "added_by",
                "added_utc",
                "unsubscribed_utc",
                "bouncing_utc",
            ),
            lambda store: store.email_contacts.export_rows(),
        ),
    )
}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""OWASP's CSV injection rule: Excel and LibreOffice run a cell starting with one of these
(``=HYPERLINK(…)``, ``+1``, ``-2+3``) as a formula."""


def cell(value: object) -> object:
    """A value as the CSV cell to write: text that would start a formula gets a leading
    single quote, shown as text by spreadsheets. Numbers are ours, never a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


async def write_csv(export: Export, store: Store, out: TextIO, *, with_ids: bool = True) -> int:
    """Write the header and every row; returns the number of data rows. Without
    ``with_ids`` the Telegram id columns are left out."""
    kept = [i for i, name in enumerate(export.header) if with_ids or name not in ID_COLUMNS]
    writer = csv.writer(out)
    writer.writerow(export.header[i] for i in kept)
    count = 0
    async for row in export.rows(store):
        writer.writerow(cell(row[i]) for i in kept)
        count += 1
    return count


def command_line_actor() -> tuple[None, str]:
    """Who ran ``python -m bot export``, for the audit log (a container may have no user
    entry for the process)."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown"
    return None, f"command line ({user})"


async def record_export(
    store: Store,
    export: Export,
    rows: int,
    with_ids: bool,
    actor: tuple[int | None, str],
    now: dt.datetime,
) -> None:
    """The personal-data audit log's line for an export (who, what, when); none for an
    export without personal data."""
    if export.personal:
        ids = "with Telegram ids" if with_ids else "without Telegram ids"
        await store.privacy.record(
            now, "export", f"{export.name}: {rows} row(s), {ids}", actor[0], actor[1]
        )


class ExportService:
    """The exports for a caller that acts as a user (chat, the web console): organisers
    only. ``python -m bot export`` calls ``write_csv`` itself: whoever runs it holds the
    store file already."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def write(self, actor: User, name: str, out: TextIO, *, with_ids: bool = False) -> int:
        """The named export as CSV into ``out``, Telegram ids only when asked for, and
        recorded in the personal-data audit log; ``KeyError`` for an unknown name."""
        require_organiser(actor)
        export = EXPORTS[name]
        count = await write_csv(export, self._store, out, with_ids=with_ids)
        who = (actor.id, actor.first_name)
        await record_export(self._store, export, count, with_ids, who, self._clock.now())
        return count
