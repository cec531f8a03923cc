"""What a live programme change is made of: the proposal, its edits, and why one is refused.

Plain values: the FSM keeps a proposal between the organiser's steps as JSON
(``Proposal.data``), and the service turns it into edits, one per session touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from bot.content.models import Text
from bot.forms.input import Bounds
from bot.store.codec import text_json, utc_from, utc_text

TITLE = Bounds(2, 200)
ROOM = Bounds(2, 100)
DESCRIPTION = Bounds(2, 2000)
DELAYS = (5, 10, 15, 30)
"""The minutes «✏️ Change» offers to delay a session by."""


class Source(StrEnum):
    CHAT = "chat"
    LOAD = "load"
    SYNC = "sync"


class Action(StrEnum):
    """What one entry of the programme log did."""

    DELAY = "delay"
    TIMES = "times"
    ROOM = "room"
    CANCEL = "cancel"
    RESTORE = "restore"
    ADD = "add"
    TITLE = "title"
    DESCRIPTION = "description"
    UNDO = "undo"
    STARTED = "started"
    ENDED = "ended"
    PLAN = "plan"
    """Stage marks cleared: the session follows its planned times again."""
    ADDED = "added"
    UPDATED = "updated"
    REMOVED = "removed"
    """``ADDED``, ``UPDATED``, ``REMOVED``: a load or sync of the files."""


CHAT_CHANGES = frozenset(
    {
        Action.DELAY,
        Action.TIMES,
        Action.ROOM,
        Action.CANCEL,
        Action.RESTORE,
        Action.ADD,
        Action.TITLE,
        Action.DESCRIPTION,
    }
)
"""The changes organisers make through «✏️ Change» (and can undo)."""


@dataclass(frozen=True, slots=True)
class Fields:
    """The part of a session a live change touches."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    room: Text
    title: Text
    description: Text | None

    def row(self) -> dict[str, str | None]:
        """As the sessions table holds them."""
        return {
            "starts_at": utc_text(self.starts_at),
            "ends_at": utc_text(self.ends_at),
            "room": text_json(self.room),
            "title": text_json(self.title),
            "description": text_json(self.description),
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Fields:
        description = row.get("description")
        return cls(
            starts_at=utc_from(row["starts_at"]),
            ends_at=utc_from(row["ends_at"]),
            room=_text(row["room"]),
            title=_text(row["title"]),
            description=None if description is None else _text(description),
        )

    def moved(self, by: dt.timedelta) -> Fields:
        return replace(self, starts_at=self.starts_at + by, ends_at=self.ends_at + by)

    def same_slot(self, other: Fields) -> bool:
        return (self.starts_at, self.ends_at, self.room) == (
            other.starts_at,
            other.ends_at,
            other.room,
        )


def _text(value: Any) -> Text:
    return Text.model_validate_json(value) if isinstance(value, str) else Text.model_validate(value)


FIELD_NAMES = ("starts_at", "ends_at", "room", "title", "description")


@dataclass(frozen=True, slots=True)
class Slot:
    """A session as a change sees it, read afresh inside the change's transaction."""

    id: int
    key: str
    day: dt.date
    fields: Fields
    revision: int
    position: int = 0


Speakers = tuple[tuple[Text, ...], tuple[Text, ...]]
"""A session's speakers' names before and after a change."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One session before and after a change; ``before`` None: added, ``after`` None: cancelled.

    A load may also change what no chat edit touches: ``speakers`` (their names before →
    after) and ``place``, the session's position in its day's list (0-based, before →
    after), set only when its order among the sessions starting with it changed.
    """

    session_id: int
    key: str
    day: dt.date
    before: Fields | None
    after: Fields | None
    speakers: Speakers | None = None
    place: tuple[int, int] | None = None

    @property
    def title(self) -> Text:
        fields = self.after or self.before
        assert fields is not None
        return fields.title

    @property
    def tells(self) -> bool:
        """Followers get a notice: the time or room changed, or it came or went."""
        if self.before is None or self.after is None:
            return True
        return not self.before.same_slot(self.after)

    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "session_id": self.session_id,
            "key": self.key,
            "day": self.day.isoformat(),
            "before": None if self.before is None else self.before.row(),
            "after": None if self.after is None else self.after.row(),
        }
        if self.speakers is not None:
            data["speakers"] = [[name.model_dump() for name in names] for names in self.speakers]
        if self.place is not None:
            data["place"] = list(self.place)
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Edit:
        before, after = data.get("before"), data.get("after")
        speakers, place = data.get("speakers"), data.get("place")
        return cls(
            session_id=int(data["session_id"]),
            key=str(data["key"]),
            day=dt.date.fromisoformat(data["day"]),
            before=None if before is None else Fields.from_row(before),
            after=None if after is None else Fields.from_row(after),
            speakers=None if speakers is None else _names(speakers),
            place=None if place is None else (int(place[0]), int(place[1])),
        )


def _names(data: list[list[Any]]) -> Speakers:
    before, after = ([Text.model_validate(name) for name in names] for names in data)
    return tuple(before), tuple(after)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A change as the organiser asked for it, before it is checked and applied.

    ``revision`` is the session's revision the organiser looked at: a change confirmed
    after someone else changed the session is refused instead of overwriting theirs.
    """

    action: Action
    session_id: int = 0
    revision: int = 0
    minutes: int = 0
    later: bool = False
    start: str = ""
    end: str = ""
    room: Text | None = None
    title: Text | None = None
    description: Text | None = None
    day: dt.date | None = None

    def data(self) -> dict[str, Any]:
        """JSON for the FSM storage."""
        return {
            "action": self.action.value,
            "session_id": self.session_id,
            "revision": self.revision,
            "minutes": self.minutes,
            "later": self.later,
            "start": self.start,
            "end": self.end,
            "room": None if self.room is None else self.room.model_dump(),
            "title": None if self.title is None else self.title.model_dump(),
            "description": None if self.description is None else self.description.model_dump(),
            "day": None if self.day is None else self.day.isoformat(),
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Proposal:
        def text(name: str) -> Text | None:
            value = data.get(name)
            return None if value is None else Text.model_validate(value)

        day = data.get("day")
        return cls(
            action=Action(data["action"]),
            session_id=int(data.get("session_id", 0)),
            revision=int(data.get("revision", 0)),
            minutes=int(data.get("minutes", 0)),
            later=bool(data.get("later", False)),
            start=str(data.get("start", "")),
            end=str(data.get("end", "")),
            room=text("room"),
            title=text("title"),
            description=text("description"),
            day=None if day is None else dt.date.fromisoformat(day),
        )


class Problem(StrEnum):
    MISSING = "missing"
    """The session (or the cancelled one to restore) is not there any more."""
    STALE = "stale"
    """The session changed since the organiser looked at it."""
    BAD_TIME = "bad_time"
    END_BEFORE_START = "end_before_start"
    OUTSIDE_DAYS = "outside_days"
    OVERLAP = "overlap"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    NO_CHANGE = "no_change"


class ChangeRejectedError(ValueError):
    """A change refused for a reason the organiser can act on; nothing was changed."""

    def __init__(
        self,
        problem: Problem,
        *,
        other: Slot | None = None,
        bounds: Bounds | None = None,
        day: dt.date | None = None,
    ) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.other = other
        """The session an overlapping change would collide with."""
        self.bounds = bounds
        self.day = day


@dataclass(frozen=True, slots=True)
class Preview:
    """What a change would do and who would hear of it."""

    proposal: Proposal
    edits: tuple[Edit, ...]
    followers: int
    """People following one of the sessions whose time or room changes (told); for a
    restore, those who followed it when it was cancelled and get it back."""
    day_followers: int
    """Of the day's followers: for an added or restored session, those it is added for."""
    later: int = 0
    """For a delay: how many later sessions of the day could move with it."""

    @property
    def tells(self) -> bool:
        return any(edit.tells for edit in self.edits)


@dataclass(frozen=True, slots=True)
class Applied:
    change_id: int
    preview: Preview
    undo_until: dt.datetime | None
    """Until when «↩ Undo» takes it back unseen; None when followers are told at once."""


class Undone(StrEnum):
    UNDONE = "undone"
    TOO_LATE = "too_late"
    CHANGED_SINCE = "changed_since"
    ALREADY = "already"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One line of the programme's audit log."""

    id: int
    at: dt.datetime
    source: Source
    actor_id: int | None
    actor_name: str | None
    action: Action
    edits: tuple[Edit, ...]
    file_won: tuple[str, ...] = ()
    undone: bool = False
    undoes: int | None = None
    records: tuple[int, int] | None = None
    overrides: tuple[tuple[str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class CancelledSession:
    session_id: int
    key: str
    day: dt.date
    fields: Fields
    cancelled_at: dt.datetime
