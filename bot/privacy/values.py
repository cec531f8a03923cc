"""What the personal-data services hand back, and the words they need from the Telegram
side (``handlers/privacy/notices.py``)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from bot.content.models import Event
from bot.delivery.notify import Render
from bot.store.codec import utc_text
from bot.users.values import User


class Leaver(StrEnum):
    """Who left, as the organisers are told it: never their name."""

    JOURNALIST = "journalist"
    ORGANISER = "organiser"


@dataclass(frozen=True, slots=True)
class PersonalCopy:
    """Everything the store holds about one person, table by table (the map's order)."""

    user_id: int
    taken_at: dt.datetime
    tables: dict[str, list[dict[str, Any]]]

    def counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.tables.items()}

    def as_json(self) -> bytes:
        document = {
            "user_id": self.user_id,
            "taken_at": utc_text(self.taken_at),
            "tables": self.tables,
        }
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


@dataclass(frozen=True, slots=True)
class Erasure:
    touched: dict[str, int]
    """Rows deleted or unlinked, by table."""
    leaver: Leaver | None
    """An accredited journalist or an organiser: the organisers were told."""
    clean: bool
    """The WAL was emptied into the file (False: another process held a read open)."""


@dataclass(frozen=True, slots=True)
class PurgeReport:
    people: int
    tables: dict[str, int]
    """Rows deleted or unlinked (or, in a dry run, that would be), by table."""


class CopySender(Protocol):
    """Sends a person their copy in chat (the Telegram side): for the Mini App."""

    async def __call__(self, user: User) -> PersonalCopy: ...


class PrivacyNotices(Protocol):
    def someone_left(self, leaver: Leaver) -> Render:
        """To the organisers: an accredited journalist or an organiser erased their data."""
        ...

    def retention_warning(self, purge_at: dt.datetime, days: int, event: Event) -> Render:
        """To the organisers: the personal data of everyone else goes at ``purge_at``."""
        ...
