"""frab/pretalx ``schedule.json`` 1.x (the c3voc schema): days → rooms → talks.

Strict about what the programme needs (a talk's time, length, room and title), liberal
about the rest: fields we do not use are typed ``Any``, unknown ones are kept as extras and
reported as warnings. frab's XML export is read into the same shape (see ``frab_xml``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from bot.content.importers.programme import Programme, Speaker, Talk

HHMM = r"^\d{1,2}:\d{2}$"
DURATION = r"^(\d+:)?\d{1,3}:\d{2}$"


class Schema(BaseModel):
    """Unknown fields are allowed (and become warnings), never silently dropped."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Person(Schema):
    id: int | str | None = None
    guid: str | None = None
    code: str | None = None
    public_name: str | None = None
    name: str | None = None
    full_public_name: Any = None
    biography: Any = None
    avatar: Any = None
    url: Any = None
    links: Any = None
    answers: Any = None

    def speaker(self) -> Speaker | None:
        name = (self.public_name or self.name or "").strip()
        ident = next((str(v) for v in (self.id, self.code, self.guid) if v is not None), "")
        return Speaker(ident, name) if name else None


class FrabTalk(Schema):
    """One talk (``Talk`` here, as ``Event`` means our meeting)."""

    id: int | str
    date: dt.datetime | None = None
    start: Annotated[str, Field(pattern=HHMM)]
    duration: Annotated[str, Field(pattern=DURATION)]
    room: Annotated[str, Field(min_length=1)]
    title: Annotated[str, Field(min_length=1)]
    abstract: str | None = None
    description: str | None = None
    persons: list[Person] = []
    guid: Any = None
    slug: Any = None
    url: Any = None
    logo: Any = None
    subtitle: Any = None
    track: Any = None
    type: Any = None
    language: Any = None
    recording_license: Any = None
    do_not_record: Any = None
    recording: Any = None
    links: Any = None
    attachments: Any = None
    answers: Any = None
    feedback_url: Any = None
    origin_url: Any = None
    video_download_url: Any = None

    @property
    def length(self) -> dt.timedelta:
        """``HH:MM``, or ``D:HH:MM`` for events longer than a day."""
        *days, hours, minutes = (int(part) for part in self.duration.split(":"))
        return dt.timedelta(days=sum(days), hours=hours, minutes=minutes)

    def starts(self, day: dt.date) -> dt.datetime:
        """The export's ``date`` (with its offset); without one, the day's wall clock."""
        if self.date is not None:
            return self.date
        hours, minutes = (int(part) for part in self.start.split(":"))
        return dt.datetime.combine(day, dt.time(hours, minutes))


class ScheduleDay(Schema):
    index: int | None = None
    date: dt.date
    day_start: dt.datetime | None = None
    day_end: dt.datetime | None = None
    rooms: dict[str, list[FrabTalk]]


class Conference(Schema):
    acronym: str = ""
    title: Annotated[str, Field(min_length=1)]
    start: dt.date
    end: dt.date
    time_zone_name: str | None = None
    days: list[ScheduleDay]
    days_count: Any = Field(default=None, alias="daysCount")
    timeslot_duration: Any = None
    rooms: Any = None
    tracks: Any = None
    url: Any = None
    logo: Any = None
    colors: Any = None
    subtitle: Any = None
    venue: Any = None
    city: Any = None
    day_change: Any = None
    base_url: Any = None


class Schedule(Schema):
    version: Any = None
    base_url: Any = None
    url: Any = None
    conference: Conference


class ScheduleFile(Schema):
    schema_url: Any = Field(default=None, alias="$schema")
    generator: Any = None
    schedule: Schedule


def to_programme(conference: Conference) -> Programme:
    """Flatten days → rooms → talks; the writer regroups by local date."""
    talks = []
    for day in conference.days:
        for room_talks in day.rooms.values():
            for talk in room_talks:
                about = (talk.abstract or "").strip() or (talk.description or "").strip()
                speakers = [s for s in (p.speaker() for p in talk.persons) if s is not None]
                talks.append(
                    Talk(
                        ident=str(talk.id),
                        title=talk.title.strip(),
                        room=talk.room.strip(),
                        starts=talk.starts(day.date),
                        length=talk.length,
                        about=about,
                        speakers=speakers,
                    )
                )
    return Programme(
        title=conference.title.strip(),
        acronym=conference.acronym.strip(),
        start=conference.start,
        end=conference.end,
        zone_name=conference.time_zone_name,
        talks=talks,
    )
