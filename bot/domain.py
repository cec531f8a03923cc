"""What the services hand to handlers: plain immutable values, no Telegram, no SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from bot.content.models import Attendance, DelegationKind, Text


@dataclass(frozen=True, slots=True)
class Speaker:
    name: Text
    role: Text
    organisation: Text | None
    attendance: Attendance


@dataclass(frozen=True, slots=True)
class Session:
    id: int
    key: str
    day: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: Text
    room: Text
    description: Text | None
    times_illustrative: bool
    revision: int
    updated_at: dt.datetime
    speakers: tuple[Speaker, ...] = ()

    def is_over(self, now: dt.datetime) -> bool:
        return self.ends_at <= now

    def is_on(self, now: dt.datetime) -> bool:
        return self.starts_at <= now < self.ends_at


@dataclass(frozen=True, slots=True)
class Day:
    date: dt.date
    title: Text


@dataclass(frozen=True, slots=True)
class Member:
    name: Text
    role: Text
    attendance: Attendance
    is_head: bool


@dataclass(frozen=True, slots=True)
class Delegation:
    id: int
    key: str
    kind: DelegationKind
    name: Text
    country: Text | None
    attendance: Attendance
    observer: bool
    about: Text | None
    members: tuple[Member, ...] = field(default=())

    @property
    def head(self) -> Member | None:
        return next((member for member in self.members if member.is_head), None)


@dataclass(frozen=True, slots=True)
class Summary:
    day: dt.date
    title: Text
    body: Text
    published_at: dt.datetime


class Role(StrEnum):
    """Who a user is to the bot; an invite link sets it, guests are everyone else."""

    GUEST = "guest"
    DELEGATE = "delegate"
    PRESS = "press"
    ORGANISER = "organiser"


@dataclass(frozen=True, slots=True)
class User:
    id: int
    first_name: str
    language: str
    role: Role = Role.GUEST
    delegation_id: int | None = None

    @property
    def is_organiser(self) -> bool:
        return self.role is Role.ORGANISER


@dataclass(frozen=True, slots=True)
class Invite:
    """A deep link that gives whoever opens it a role (and a delegate their delegation)."""

    id: int
    token: str
    role: Role
    delegation_id: int | None
    max_uses: int | None  # None: any number of people
    uses: int
    created_by: int
    created_at: dt.datetime
    revoked_at: dt.datetime | None

    @property
    def usable(self) -> bool:
        return self.revoked_at is None and (self.max_uses is None or self.uses < self.max_uses)


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


class MediaKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class Media:
    """One photo or document already on Telegram's servers, sent again by its file_id."""

    kind: MediaKind
    file_id: str


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
class Recipient:
    """Someone the bot writes to on its own initiative, in the language they read."""

    id: int
    language: str


@dataclass(frozen=True, slots=True)
class SessionSnapshot:
    """A session's time and place as they were (or became) at one change."""

    day: dt.date
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: Text
    room: Text

    def same_slot(self, other: SessionSnapshot) -> bool:
        return (self.starts_at, self.ends_at, self.room) == (
            other.starts_at,
            other.ends_at,
            other.room,
        )


@dataclass(frozen=True, slots=True)
class SessionChange:
    """Every edit to one session since its subscribers were last told, folded into one."""

    session_id: int
    change_ids: tuple[int, ...]
    before: SessionSnapshot | None  # None: the session is new
    after: SessionSnapshot | None  # None: the session was removed
