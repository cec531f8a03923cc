"""Turns a frab/pretalx ``schedule.json`` (the c3voc schema) into files for ``data/``.

``data/`` stays the one source of truth: the export becomes ``programme.yaml`` and
``people.yaml`` entries in the same style, then ``check`` and ``load`` work as usual.
Exports carry one language, so every bilingual field gets the same text on both sides
and a comment saying it still needs translating.

The schema is a pydantic model that forbids unknown fields: a field we do not know
might carry meaning we would silently drop, so it is an error that names its place.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, field_validator
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from bot.content.loader import DELEGATIONS_FILE, EVENT_FILE, PEOPLE_FILE, PROGRAMME_FILE

HHMM = r"^\d{1,2}:\d{2}$"
DURATION = r"^(\d+:)?\d{1,3}:\d{2}$"
UNTRANSLATED = "untranslated: both languages hold the export's text"
SPEAKER_ROLE = {"ru": "докладчик", "en": "speaker"}


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Link(_Schema):
    url: str
    title: str | None = None
    type: str | None = None


class Answer(_Schema):
    question: Any = None
    answer: Any = None
    options: Any = None


class Person(_Schema):
    id: int | None = None
    guid: str | None = None
    code: str | None = None
    public_name: str | None = None
    name: str | None = None
    biography: str | None = None
    avatar: str | None = None
    url: str | None = None
    links: list[Link] = []
    answers: list[Answer] = []

    @property
    def display_name(self) -> str:
        return (self.public_name or self.name or "").strip()


class Talk(_Schema):
    """One event of the export (``Talk`` here, as ``Event`` means our meeting)."""

    id: int
    guid: str | None = None
    date: AwareDatetime
    start: Annotated[str, Field(pattern=HHMM)]
    duration: Annotated[str, Field(pattern=DURATION)]
    room: Annotated[str, Field(min_length=1)]
    title: Annotated[str, Field(min_length=1)]
    slug: str | None = None
    url: str | None = None
    logo: str | None = None
    subtitle: str | None = None
    track: str | None = None
    type: str | None = None
    language: str | None = None
    abstract: str | None = None
    description: str | None = None
    recording_license: str | None = None
    do_not_record: bool | None = None
    persons: list[Person] = []
    links: list[Link] = []
    attachments: list[Link] = []
    answers: list[Answer] = []
    feedback_url: str | None = None
    origin_url: str | None = None
    video_download_url: str | None = None

    @property
    def length(self) -> dt.timedelta:
        """``HH:MM``, or ``D:HH:MM`` for events longer than a day."""
        *days, hours, minutes = (int(part) for part in self.duration.split(":"))
        return dt.timedelta(days=sum(days), hours=hours, minutes=minutes)


class Room(_Schema):
    name: str
    guid: str | None = None
    description: str | None = None
    capacity: int | None = None
    url: str | None = None
    features: Any = None
    assembly: Any = None


class ScheduleDay(_Schema):
    index: int
    date: dt.date
    day_start: AwareDatetime | None = None
    day_end: AwareDatetime | None = None
    rooms: dict[str, list[Talk]]


class Conference(_Schema):
    acronym: str
    title: Annotated[str, Field(min_length=1)]
    start: dt.date
    end: dt.date
    days_count: int | None = Field(default=None, alias="daysCount")
    timeslot_duration: str | None = None
    time_zone_name: str
    days: list[ScheduleDay]
    rooms: list[Room] = []
    tracks: list[Any] = []
    url: str | None = None
    logo: str | None = None
    colors: Any = None

    @field_validator("time_zone_name")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value


class Schedule(_Schema):
    version: str | None = None
    base_url: str | None = None
    url: str | None = None
    conference: Conference


class ScheduleFile(_Schema):
    schema_url: str | None = Field(default=None, alias="$schema")
    generator: Any = None
    schedule: Schedule


class ScheduleImportError(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(slots=True)
class ImportResult:
    out: Path
    days: int = 0
    sessions: int = 0
    people: int = 0
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def describe(self) -> list[str]:
        lines = [
            f"{self.out}: {self.days} days, {self.sessions} sessions, {self.people} people"
            f" ({', '.join(self.written)} written)"
        ]
        lines += [f"  note: {note}" for note in self.notes]
        return lines


def read_schedule(path: Path) -> Conference:
    """The validated conference, or every problem named by its place in the file."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ScheduleImportError([f"{path}: cannot read: {error}"]) from error
    except json.JSONDecodeError as error:
        message = f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        raise ScheduleImportError([message]) from error
    try:
        return ScheduleFile.model_validate(raw).schedule.conference
    except ValidationError as error:
        raise ScheduleImportError(
            [_describe(path, raw, e["loc"], e["msg"], e["type"]) for e in error.errors()]
        ) from error


def _describe(path: Path, raw: Any, loc: tuple[Any, ...], msg: str, kind: str) -> str:
    """``file: schedule.conference.days[0].rooms["Curie"][3].duration: message (talk …)``."""
    where = ""
    node = raw
    talk = None
    for part in loc:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        if isinstance(node, dict | list):
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = None
        if isinstance(node, dict) and "title" in node and "room" in node:
            talk = node
    if kind == "extra_forbidden":
        msg = "unknown field (not in the schedule.json schema; typo?)"
    elif kind == "missing":
        msg = "missing"
    context = f" (talk {talk.get('id')!r} «{talk.get('title')}»)" if talk else ""
    return f"{path}: {where}: {msg}{context}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def person_key(person: Person) -> str:
    """Stable across re-imports: the export's own id (or code), prefixed by a readable name."""
    ident = str(person.id) if person.id is not None else _slug(person.code or "")
    name = _slug(person.display_name)[: 30 - len(ident)].strip("-")
    return f"{name}-{ident}" if name else f"p-{ident}"


def _text(value: str, *, block: bool = False) -> CommentedMap:
    """The same text on both sides; long text as a block, line breaks kept."""
    if "\n" in value:
        value = LiteralScalarString(value)
    text = CommentedMap(ru=value, en=value)
    if not block:
        text.fa.set_flow_style()
    return text


def import_schedule(source: Path, out: Path) -> ImportResult:
    """Write ``programme.yaml`` and the speakers into ``people.yaml`` under ``out``.

    ``event.yaml`` and ``delegations.yaml`` are written only when missing (a new data
    folder), with the export's name, dates and zone and clearly marked placeholders.
    """
    conference = read_schedule(source)
    zone = ZoneInfo(conference.time_zone_name)
    result = ImportResult(out)
    days: dict[dt.date, list[tuple[dt.datetime, Talk, str, str]]] = {}
    people: dict[str, CommentedMap] = {}
    for day in conference.days:
        for talks in day.rooms.values():
            for talk in talks:
                starts = talk.date.astimezone(zone)
                ends = starts + talk.length
                end_text = ends.strftime("%H:%M")
                if ends.date() != starts.date():
                    end_text = "23:59"
                    result.notes.append(
                        f"talk {talk.id} «{talk.title}» ends at {ends:%Y-%m-%d %H:%M}, the next"
                        f" day; it ends at 23:59 in programme.yaml (a session ends on its day)"
                    )
                days.setdefault(starts.date(), []).append(
                    (starts, talk, starts.strftime("%H:%M"), end_text)
                )
                for person in talk.persons:
                    if person.display_name:
                        people.setdefault(person_key(person), _person_entry(person))
    programme = CommentedSeq()
    for number, date in enumerate(sorted(days), start=1):
        sessions = CommentedSeq()
        for _starts, talk, start, end in sorted(days[date], key=lambda item: item[0]):
            sessions.append(_session_entry(talk, start, end))
        title = CommentedMap(ru=f"День {number}", en=f"Day {number}")
        title.fa.set_flow_style()
        entry = CommentedMap(date=date, title=title, sessions=sessions)
        programme.append(entry)
        result.sessions += len(sessions)
    result.days = len(programme)
    result.people = len(people)

    out.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    header = _header(source, conference)
    _dump(yaml, out / PROGRAMME_FILE, CommentedMap(days=programme), header)
    result.written.append(PROGRAMME_FILE)
    _merge_people(yaml, out / PEOPLE_FILE, people, header)
    result.written.append(PEOPLE_FILE)
    if not (out / EVENT_FILE).exists():
        last_day = max([conference.end, *days])
        _dump(yaml, out / EVENT_FILE, _event_entry(conference, last_day), header + _EVENT_NOTE)
        result.written.append(EVENT_FILE)
    if not (out / DELEGATIONS_FILE).exists():
        _dump(yaml, out / DELEGATIONS_FILE, CommentedMap(delegations=CommentedSeq()), header)
        result.written.append(DELEGATIONS_FILE)
    return result


_EVENT_NOTE = (
    "\nThe export has no motto, organiser, venue or city: the values marked TO FILL IN are"
    "\nplaceholders that the bot would show to people. Replace them before going live."
)


def _header(source: Path, conference: Conference) -> str:
    return (
        f"imported from {source.name} ({conference.title})"
        "\nby `python -m bot import-schedule`."
        "\nThe export is in one language: every {ru, en} pair holds the same text and is marked"
        f"\n«{UNTRANSLATED}». Translate one side, then remove the mark."
        "\nIds come from the export's own ids: keep them, so a re-import updates sessions"
        "\ninstead of replacing them. Check with: python -m bot check <this folder>"
    )


def _session_entry(talk: Talk, start: str, end: str) -> CommentedMap:
    session = CommentedMap(
        id=f"s-{talk.id}", start=DoubleQuotedScalarString(start), end=DoubleQuotedScalarString(end)
    )
    session["title"] = _text(talk.title.strip())
    session.yaml_add_eol_comment(UNTRANSLATED, "title")
    session["room"] = _text(talk.room.strip())
    about = (talk.abstract or "").strip() or (talk.description or "").strip()
    if about:
        session["description"] = _text(about, block=True)
    speakers = [person_key(p) for p in talk.persons if p.display_name]
    if speakers:
        session["speakers"] = speakers
    return session


def _person_entry(person: Person) -> CommentedMap:
    entry = CommentedMap(id=person_key(person), name=_text(person.display_name))
    entry.yaml_add_eol_comment(UNTRANSLATED, "name")
    role = CommentedMap(SPEAKER_ROLE)
    role.fa.set_flow_style()
    entry["role"] = role
    return entry


def _event_entry(conference: Conference, last_day: dt.date) -> CommentedMap:
    placeholder = CommentedMap(ru="уточняется", en="to be announced")
    placeholder.fa.set_flow_style()
    event = CommentedMap(name=_text(conference.title), short_name=_text(conference.acronym))
    for key in ("motto", "organiser", "venue", "city"):
        event[key] = placeholder.copy()
        event[key].fa.set_flow_style()
        event.yaml_add_eol_comment("TO FILL IN: not in the export", key)
    event["timezone"] = conference.time_zone_name
    event["timezone_name"] = _text(conference.time_zone_name)
    event["starts_on"] = conference.start
    event["ends_on"] = last_day
    return event


def _merge_people(yaml: YAML, path: Path, imported: dict[str, CommentedMap], header: str) -> None:
    """Keep the people already in the file; add the speakers, replacing same-id entries."""
    if not path.exists():
        _dump(yaml, path, CommentedMap(people=CommentedSeq(imported.values())), header)
        return
    document = yaml.load(path)
    existing = document.get("people") or CommentedSeq()
    kept = CommentedSeq(p for p in existing if p.get("id") not in imported)
    kept.extend(imported.values())
    document["people"] = kept
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(document, handle)


def _dump(yaml: YAML, path: Path, document: CommentedMap, header: str) -> None:
    document.yaml_set_start_comment(f"{path.name} — {header}")
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(document, handle)
