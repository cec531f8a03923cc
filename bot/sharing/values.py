"""What inline search finds, and the deep links back into the bot."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.agenda.values import Session
from bot.delegations.values import Delegation
from bot.press.values import PressRelease
from bot.users.values import MAX_ID


class Kind(StrEnum):
    """A link's prefix: ``/start s_12`` opens session 12."""

    SESSION = "s"
    DELEGATION = "d"
    RELEASE = "r"


@dataclass(frozen=True, slots=True)
class Found:
    kind: Kind
    item: Session | Delegation | PressRelease

    @property
    def id(self) -> int:
        return self.item.id


@dataclass(frozen=True, slots=True)
class SearchPage:
    found: tuple[Found, ...]
    next_offset: int | None
    """Where the next page starts, None on the last one."""
    refused: bool = False
    """The query was longer than Telegram allows: nothing was searched."""


@dataclass(frozen=True, slots=True)
class Link:
    kind: Kind
    id: int


def payload(kind: Kind, item_id: int) -> str:
    """The deep link's start parameter: Telegram allows ``[A-Za-z0-9_-]``, up to 64."""
    return f"{kind.value}_{item_id}"


_PAYLOAD = re.compile(r"([sdr])_([0-9]{1,19})")


def parse_payload(text: str) -> Link | None:
    """The link a start parameter names; None for anything forged or out of bounds
    (an id past SQLite's 64 bits included), so it never reaches the store."""
    matched = _PAYLOAD.fullmatch(text)
    if matched is None:
        return None
    item_id = int(matched.group(2))
    if not 0 < item_id <= MAX_ID:
        return None
    return Link(Kind(matched.group(1)), item_id)
