"""Broadcasts and their audiences as the services hand them out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.content.models import Text
from bot.delivery.values import Media


class AudienceKind(StrEnum):
    EVERYONE = "all"
    DELEGATES = "dlg"
    DELEGATION = "one"
    PRESS = "press"
    SESSION = "ses"
    ORGANISERS = "org"


@dataclass(frozen=True, slots=True)
class Audience:
    """Who a broadcast goes to; ``ref`` is the delegation or session id for those kinds."""

    kind: AudienceKind
    ref: int | None = None
    name: Text | None = None  # the delegation's or session's name, kept for reports


class BroadcastState(StrEnum):
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Broadcast:
    id: int
    author_id: int
    language: str
    text: str  # HTML as the author formatted it; the caption when there is media
    media: Media | None
    audience: Audience
    recipients: int
    state: BroadcastState
    progress_chat_id: int
    progress_message_id: int | None
    created_at: dt.datetime
    finished_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class NewBroadcast:
    """A broadcast as it is first written; ``draft`` makes starting it twice impossible."""

    draft: str
    author_id: int
    language: str
    text: str
    media: Media | None
    audience: Audience
    recipients: int
    progress_chat_id: int
    progress_message_id: int | None
    created_at: dt.datetime
