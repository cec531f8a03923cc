"""The one map of every stored column that names a person, read by the export (/mydata),
the erasure (/forget) and the retention purge alike, so no table can be forgotten by one
of them. tests/test_privacy_map.py walks the schema: a new table with a column named like
a person (user_id, chat_id, author_id, …) fails it until it has a line here.

Adding a table is one line in ``USER_COLUMNS``, e.g.
``UserColumn("emails", "user_id", Erase.DELETE),``. A table whose rows belong to a
person through another row of theirs (an email contact's letters, by ``contact_id``) is
one line in ``DEPENDENT_ROWS``; the test walks foreign keys to those tables too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Erase(StrEnum):
    """What erasing a person does to a row that names them in this column."""

    DELETE = "delete"
    """The row is theirs (their profile, follow, request, answer …): it goes."""
    NULL = "null"
    """The row is someone else's or the archive's (they decided on it): the name goes."""
    ZERO = "zero"
    """As NULL, for a column that may not be empty: 0 stands for «a person erased»."""
    SURROGATE = "surrogate"
    """Kept for the statistics, unlinked: the id becomes minus the row's own number,
    unique in the table and naming nobody (ratings, survey answers, embargo receipts)."""


class Match(StrEnum):
    EQUALS = "equals"
    FSM_KEY = "fsm-key"
    """aiogram's FSM key ``fsm:<bot>:<chat>[:<thread>]:<user>:<destiny>``."""


@dataclass(frozen=True, slots=True)
class UserColumn:
    """One column that holds a person's Telegram id."""

    table: str
    column: str
    erase: Erase
    cleared: tuple[str, ...] = ()
    """Free-text columns emptied (NULL) when the row stays: the person's words go too."""
    blanked: tuple[str, ...] = ()
    """As ``cleared``, for a column that may not be NULL: emptied to ''."""
    renamed: tuple[str, ...] = ()
    """Name columns of an audit entry that stays: replaced by ``ERASED_NAME``."""
    match: Match = Match.EQUALS

    @property
    def owned(self) -> bool:
        """The rows are the person's own (their copy shows every column of them)."""
        return self.erase in (Erase.DELETE, Erase.SURROGATE)


ERASED_NAME = "[erased]"
"""What an audit entry names instead of an organiser who was erased."""

USER_COLUMNS: tuple[UserColumn, ...] = (
    UserColumn("users", "id", Erase.DELETE),
    UserColumn("fsm_states", "key", Erase.DELETE, match=Match.FSM_KEY),
    # Kept as empty rows: the delivery worker reads queued rows by id after a cursor, and
    # a deleted last row would give its id to the next message, which it would then skip.
    UserColumn(
        "outbox",
        "chat_id",
        Erase.SURROGATE,
        cleared=("reply_markup", "media_kind", "media_file_id", "error"),
        blanked=("text",),
    ),
    UserColumn("unreachable_chats", "chat_id", Erase.DELETE),
    UserColumn("subscriptions", "user_id", Erase.DELETE),
    UserColumn("day_follows", "user_id", Erase.DELETE),
    UserColumn("suspended_follows", "user_id", Erase.DELETE),
    UserColumn("calendar_feeds", "user_id", Erase.DELETE),
    UserColumn("accreditations", "user_id", Erase.DELETE),
    UserColumn("accreditations", "decided_by", Erase.NULL),
    UserColumn("press_subscribers", "user_id", Erase.DELETE),
    UserColumn("quote_requests", "journalist_id", Erase.DELETE),
    UserColumn("quote_requests", "taken_by", Erase.NULL),
    UserColumn("interview_requests", "journalist_id", Erase.DELETE),
    UserColumn("interview_requests", "decided_by", Erase.NULL),
    UserColumn("embargo_log", "user_id", Erase.SURROGATE),
    UserColumn("press_photos", "published_by", Erase.ZERO),
    UserColumn("press_photos", "withdrawn_by", Erase.NULL),
    UserColumn("photo_receipts", "user_id", Erase.DELETE),
    UserColumn("invites", "created_by", Erase.ZERO),
    UserColumn("invite_uses", "user_id", Erase.DELETE),
    UserColumn("broadcasts", "author_id", Erase.ZERO),
    UserColumn("broadcasts", "progress_chat_id", Erase.ZERO),
    UserColumn("questions", "user_id", Erase.DELETE),
    UserColumn("questions", "decided_by", Erase.NULL),
    UserColumn("question_votes", "user_id", Erase.DELETE),
    UserColumn("session_moderators", "user_id", Erase.DELETE),
    UserColumn("question_boards", "chat_id", Erase.DELETE),
    UserColumn("feedback_asks", "user_id", Erase.DELETE),
    UserColumn("feedback", "user_id", Erase.SURROGATE, cleared=("comment",)),
    UserColumn("feedback_opt_outs", "user_id", Erase.DELETE),
    UserColumn("survey_answers", "user_id", Erase.SURROGATE),
    UserColumn("programme_log", "actor_id", Erase.NULL, renamed=("actor_name",)),
    UserColumn("live_boards", "created_by", Erase.ZERO),
    UserColumn("privacy_log", "actor_id", Erase.NULL, renamed=("actor_name",)),
    # After outbox and users: erased before them (reversed order), its dependents first.
    UserColumn("email_contacts", "user_id", Erase.DELETE),
    UserColumn("email_contacts", "added_by", Erase.ZERO),
)


@dataclass(frozen=True, slots=True)
class DependentRow:
    """Rows that are a person's because they hang off a row of theirs: ``table.column``
    holds ``parent.parent_column`` of a row the person owns (or of another dependent).
    They are copied with the person and deleted with them, before their parent."""

    table: str
    column: str
    parent: str
    parent_column: str = "id"
    shown: str = "*"
    """What the copy shows of each row."""


DEPENDENT_ROWS: tuple[DependentRow, ...] = (
    # What went (or waits) to the address: kind, key, state and dates; the body itself is
    # a release everyone got, or one of theirs (``PERSONAL_BODIES``).
    DependentRow("email_outbox", "contact_id", "email_contacts"),
    # A quote request an organiser filed for them, and the request itself (their words,
    # filed under the organiser's id).
    DependentRow("email_requests", "contact_id", "email_contacts"),
    DependentRow("quote_requests", "id", "email_requests", "request_id"),
)
"""Parents before children: the copy reads them in this order, the erasure reversed."""

PEOPLE_WITHOUT_TELEGRAM: dict[str, str] = {"email_contacts": "user_id"}
"""Tables whose rows are people who may have no Telegram id (a journalist accredited by
email alone), with the column that links a row to a Telegram id when there is one. The
purge takes every such row not linked to an organiser."""


@dataclass(frozen=True, slots=True)
class PersonalBodies:
    """Rendered messages that are personal (an answer to someone's request) once no
    letter refers to them any more; published kinds (releases, summaries) always stay."""

    table: str
    referrer: str
    """``table.column`` whose rows point at a body."""
    published: tuple[str, ...]
    parts: tuple[str, ...]
    """``table.column`` of rows that belong to a body (its attachments): they go first."""


PERSONAL_BODIES = PersonalBodies(
    "email_bodies",
    "email_outbox.body_id",
    ("email.release", "email.summary"),
    ("email_attachments.body_id",),
)

NOT_PEOPLE: dict[tuple[str, str], str] = {
    ("live_boards", "chat_id"): "a group or channel the live message is posted in",
}
"""Columns named like a person's that are not one, and why (the schema test reads it)."""


def tables() -> list[str]:
    """Every table in the map, in the map's order, once (dependent rows' tables too)."""
    return list(
        dict.fromkeys([column.table for column in USER_COLUMNS] + [d.table for d in DEPENDENT_ROWS])
    )
