"""c3voc schedule 2 (the hub's export): one flat ``schedule.events`` list.

Rooms are declared once on the conference and referenced by guid (the name is optional in
a reference); an event has ``start`` and ``end`` instants, ``duration`` only in older files.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field, model_validator

from bot.content.importers.frab_json import DURATION, Schema
from bot.content.importers.programme import Programme, Speaker, Talk, slug

Text = str | dict[str, str | None] | None


def _one_text(value: Text) -> str:
    """Schedule 2 allows ``{"en": …, "de": …}`` texts; take the first non-empty one."""
    if isinstance(value, dict):
        return next((text.strip() for text in value.values() if text and text.strip()), "")
    return (value or "").strip()


class RoomRef(Schema):
    guid: str
    name: str | None = None
    slug: Any = None


class Participant(Schema):
    name: str | None = None
    guid: str | None = None
    role: Any = None


class Event(Schema):
    guid: str
    code: str | None = None
    start: dt.datetime
    end: dt.datetime | None = None
    duration: Annotated[str | None, Field(pattern=DURATION)] = None
    room: RoomRef
    title: Annotated[str, Field(min_length=1)]
    abstract: Text = None
    description: Text = None
    participants: list[Participant] = Field(default_factory=list)
    logo: Any = None
    slug: Any = None
    url: Any = None
    subtitle: Any = None
    track: Any = None
    type: Any = None
    language: Any = None
    links: Any = None
    attachments: Any = None

    @model_validator(mode="after")
    def _has_length(self) -> Event:
        if self.end is None and self.duration is None:
            raise ValueError("needs end (or the older duration)")
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"ends at {self.end}, not after its start {self.start}")
        return self

    @property
    def length(self) -> dt.timedelta:
        if self.end is not None:
            return self.end - self.start
        hours, minutes = (int(part) for part in (self.duration or "0:00").split(":")[-2:])
        return dt.timedelta(hours=hours, minutes=minutes)


class Room(Schema):
    name: Annotated[str, Field(min_length=1)]
    guid: str | None = None
    slug: Any = None
    type: Any = None
    stream_id: Any = None
    description: Any = None
    capacity: Any = None
    url: Any = None
    features: Any = None
    assembly: Any = None


class Conference(Schema):
    acronym: str = ""
    title: Annotated[str, Field(min_length=1)]
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    time_zone_name: str | None = None
    rooms: list[Room] = Field(default_factory=list)
    description: Any = None
    timeslot_duration: Any = None
    logo: Any = None
    colors: Any = None
    keywords: Any = None
    url: Any = None
    languages: Any = None
    tracks: Any = None
    meta: Any = None
    days: Any = None


class Schedule(Schema):
    version: Any = None
    base_url: Any = None
    conference: Conference
    events: list[Event]
    persons: Any = None


class ScheduleFile(Schema):
    schema_url: Any = Field(default=None, alias="$schema")
    generator: Any = None
    schedule: Schedule


def _day(value: dt.datetime | dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def to_programme(schedule: Schedule) -> Programme:
    """Resolve room references by guid; a participant's guid is their stable id."""
    names = {room.guid: room.name for room in schedule.conference.rooms if room.guid}
    talks = []
    for event in schedule.events:
        room = event.room.name or names.get(event.room.guid) or event.room.guid
        speakers = [
            Speaker((p.guid or "").split("-")[0] or slug(p.name), p.name.strip())
            for p in event.participants
            if p.name and p.name.strip()
        ]
        about = _one_text(event.abstract) or _one_text(event.description)
        ident = event.code or event.guid.split("-")[0]
        talks.append(
            Talk(
                ident, event.title.strip(), room.strip(), event.start, event.length, about, speakers
            )
        )
    conference = schedule.conference
    return Programme(
        title=conference.title.strip(),
        acronym=conference.acronym.strip(),
        start=_day(conference.start),
        end=_day(conference.end),
        zone_name=conference.time_zone_name,
        talks=talks,
    )
