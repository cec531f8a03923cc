"""The shapes of the files in ``data/``: what an organiser edits for each meeting.

Bilingual text is a ``{ru: ..., en: ...}`` mapping so both languages sit side by side.
Times in the programme are wall-clock times in the event's zone; the store keeps UTC.

The models check what one record can check on its own (formats, required fields, typos in
field names); rules that span records (unique ids, references, overlaps) live in
``bot.content.checks`` because they need the whole data set and the file positions.
Validator messages are read by organisers, so they say what was expected and what was found.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NaiveDatetime,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

LANGUAGES = ("ru", "en")

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,31}$")]
"""A stable identifier that an organiser types: lowercase latin, digits and dashes."""

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
"""An ISO 639 language code as an organiser types it: «ru», «en», «tk»."""

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class Strict(BaseModel):
    """Base for every data-file record: unknown fields are typos, and records never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """One piece of text in every language the bot speaks."""

    ru: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    en: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

    def get(self, language: str) -> str:
        """The text in ``language``; Russian for any language the files do not carry."""
        return self.en if language == "en" else self.ru


class PressContact(Strict):
    """Who journalists call; ``illustrative`` marks a placeholder that is not a real contact."""

    name: Text
    phone: str | None = None
    email: str | None = None
    illustrative: bool = False


class Event(Strict):
    """The meeting itself: names, place, dates and the zone all programme times are in."""

    name: Text
    short_name: Text
    motto: Text
    organiser: Text
    venue: Text
    city: Text
    timezone: str
    timezone_name: Text = Field(description="How people call the zone, e.g. «Ashgabat time».")
    starts_on: dt.date
    ends_on: dt.date
    source: Text | None = None
    press_contacts: list[PressContact] = []

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("ends_on")
    @classmethod
    def _ordered_dates(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        # A field validator (not a model one) so the error points at the ``ends_on`` line.
        starts_on = info.data.get("starts_on")
        if starts_on is not None and value < starts_on:
            raise ValueError(f"ends_on {value} is before starts_on {starts_on}")
        return value

    @property
    def zone(self) -> ZoneInfo:
        """The event's zone, for turning programme wall-clock times into instants."""
        return ZoneInfo(self.timezone)


class PressAccess(StrEnum):
    """What journalists may do at a session: cover it, not attend, or take pictures only."""

    OPEN = "open"
    CLOSED = "closed"
    PHOTO_OP = "photo-op"


class Session(Strict):
    """One item of a day's programme; ``id`` stays the same when the session moves."""

    id: Key
    start: str
    end: str
    title: Text
    room: Text
    description: Text | None = None
    speakers: list[Key] = []
    times_illustrative: bool = Field(
        default=False, description="True where the source gives no time and the file guesses one."
    )
    press: PressAccess = PressAccess.OPEN

    @field_validator("start", "end", mode="before")
    @classmethod
    def _not_a_number(cls, value: object) -> object:
        # YAML reads an unquoted ``9.30`` as a number; say so instead of "not a string".
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError(f"expected a time as HH:MM, got the number {value}")
        return value

    @field_validator("start", "end")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        if not _HHMM.match(value):
            raise ValueError(f"expected a time as HH:MM, got {value!r}")
        return value

    @field_validator("end")
    @classmethod
    def _ends_after_start(cls, value: str, info: ValidationInfo) -> str:
        # A field validator (not a model one) so the error points at the ``end`` line.
        # HH:MM strings of equal width compare in time order.
        start = info.data.get("start")
        if start is not None and value <= start:
            raise ValueError(f"ends at {value}, not after its start {start}")
        return value


class Day(Strict):
    """One calendar day of the programme, its sessions listed in time order."""

    date: dt.date
    title: Text
    sessions: list[Session]


class Programme(Strict):
    """The whole ``programme.yaml``."""

    days: list[Day]


class DelegationKind(StrEnum):
    """A National Society (observer or not) or an international body such as the IFRC."""

    NATIONAL_SOCIETY = "national_society"
    INTERNATIONAL = "international"


class Attendance(StrEnum):
    """Whether someone is in the room or joins online; the bot tells delegates which."""

    IN_PERSON = "in_person"
    ONLINE = "online"


class Delegation(Strict):
    """A participating body; ``head`` is a person id, set only where the source names one."""

    id: Key
    kind: DelegationKind
    name: Text
    country: Text | None = None
    attendance: Attendance = Attendance.IN_PERSON
    observer: bool = False
    head: Key | None = None
    about: Text | None = None


class InterviewOffer(Strict):
    """That a person gives interviews to the press during the meeting, and in which languages."""

    languages: Annotated[list[LanguageCode], Field(min_length=1, max_length=8)]
    illustrative: bool = Field(
        default=False, description="True where the source says nothing of it: an example."
    )


class Person(Strict):
    """Someone the source names: speakers, heads of delegations, people quoted."""

    id: Key
    name: Text
    role: Text
    delegation: Key | None = None
    attendance: Attendance = Attendance.IN_PERSON
    interviews: InterviewOffer | None = None


class Quote(Strict):
    """Words a person said, verbatim, with where they were published."""

    id: Key
    speaker: Key
    text: Text
    said_on: dt.date
    source: Text


class Summary(Strict):
    """What happened on one programme day, for journalists."""

    day: dt.date
    title: Text
    body: Text


class PressRelease(Strict):
    """A release the press desk sends; held back until ``embargo_until`` when that is set."""

    id: Key
    title: Text
    body: Text
    # Wall-clock times in the event's zone; an offset would be ambiguous, so it is refused.
    published_at: NaiveDatetime = Field(description="Local time in the event's zone.")
    embargo_until: NaiveDatetime | None = None


class Content(Strict):
    """Everything about one meeting, checked as a whole."""

    event: Event
    programme: Programme
    delegations: list[Delegation]
    people: list[Person]
    quotes: list[Quote] = []
    summaries: list[Summary] = []
    press_releases: list[PressRelease] = []
