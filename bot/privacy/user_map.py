"""The one map of every stored column that names a person, read by the export (/mydata),
the erasure (/forget) and the retention purge alike, so no table can be forgotten by one
of them. tests/test_privacy_map.py walks the schema: a new table with a column named like
a person (user_id, chat_id, author_id, …) fails it until it has a line here.

Adding a table is one line in ``USER_COLUMNS``, e.g.
``UserColumn("emails", "user_id", Erase.DELETE),``.
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
)

NOT_PEOPLE: dict[tuple[str, str], str] = {
    ("live_boards", "chat_id"): "a group or channel the live message is posted in",
}
"""Columns named like a person's that are not one, and why (the schema test reads it)."""


def tables() -> list[str]:
    """Every table in the map, in the map's order, once."""
    return list(dict.fromkeys(column.table for column in USER_COLUMNS))
