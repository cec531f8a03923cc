"""What delivery sends and to whom: plain values shared by every feature."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MediaKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class Media:
    """One photo or document already on Telegram's servers, sent again by its file_id."""

    kind: MediaKind
    file_id: str


@dataclass(frozen=True, slots=True)
class Recipient:
    """Someone the bot writes to on its own initiative, in the language they read."""

    id: int
    language: str
