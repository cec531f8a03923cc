"""Reads the five files in ``data/`` and checks them as one meeting.

The files are written by organisers, not programmers, so a failed load must say where and
what in their terms: the file, the line, the dotted path to the field and a plain message,
and it must list every problem at once, so that one run of ``python -m bot check data/``
gives the whole to-do list instead of one error per edit.

ruamel.yaml's round-trip loader keeps the line of every key and list item; pydantic's error
``loc`` is walked through that tree to find the line. Each part (event, programme,
delegations, people, quotes, summaries, press releases) is validated on its own, so a typo in
one file does not hide the problems of the others; the cross-checks between parts then run
for every pair of parts that validated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.scalarbool import ScalarBoolean

from bot.content.models import (
    Content,
    Delegation,
    Event,
    Person,
    PressRelease,
    Programme,
    Quote,
    Session,
    Summary,
    Text,
)

EVENT_FILE = "event.yaml"
PROGRAMME_FILE = "programme.yaml"
DELEGATIONS_FILE = "delegations.yaml"
PEOPLE_FILE = "people.yaml"
PRESS_FILE = "press.yaml"

Loc = tuple[int | str, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing an organiser has to fix, located as precisely as the files allow."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.path:
            return f"{where}: {self.path}: {self.message}"
        return f"{where}: {self.message}"


class ContentError(Exception):
    """The data files cannot be loaded; ``problems`` lists every reason, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the data files:"
        return "\n".join([header, *(f"  {problem}" for problem in self.problems)])


@dataclass(frozen=True, slots=True)
class _Part:
    """One field of ``Content``: which file holds it, under which key, and its type."""

    name: str
    file: str
    section: str | None  # None: the whole file is this part
    adapter: TypeAdapter[Any]
    required: bool = True


@dataclass(frozen=True, slots=True)
class _File:
    name: str
    required: bool
    sections: tuple[str, ...] | None  # top-level keys allowed; None: checked by the model


_FILES = (
    _File(EVENT_FILE, required=True, sections=None),
    _File(PROGRAMME_FILE, required=True, sections=None),
    _File(DELEGATIONS_FILE, required=True, sections=("delegations",)),
    _File(PEOPLE_FILE, required=True, sections=("people",)),
    # Press material may not exist before the meeting starts, so the file is optional.
    _File(PRESS_FILE, required=False, sections=("quotes", "summaries", "press_releases")),
)
_FILE_ORDER = {spec.name: position for position, spec in enumerate(_FILES)}

# Adapters are built once: they are immutable and building them costs more than validating.
_PARTS = (
    _Part("event", EVENT_FILE, None, TypeAdapter(Event)),
    _Part("programme", PROGRAMME_FILE, None, TypeAdapter(Programme)),
    _Part("delegations", DELEGATIONS_FILE, "delegations", TypeAdapter(list[Delegation])),
    _Part("people", PEOPLE_FILE, "people", TypeAdapter(list[Person])),
    _Part("quotes", PRESS_FILE, "quotes", TypeAdapter(list[Quote]), required=False),
    _Part("summaries", PRESS_FILE, "summaries", TypeAdapter(list[Summary]), required=False),
    _Part(
        "press_releases",
        PRESS_FILE,
        "press_releases",
        TypeAdapter(list[PressRelease]),
        required=False,
    ),
)

_EXPECTED_TOP = {
    EVENT_FILE: "the event's fields (name:, starts_on:, …)",
    PROGRAMME_FILE: "'days:'",
    DELEGATIONS_FILE: "'delegations:'",
    PEOPLE_FILE: "'people:'",
    PRESS_FILE: "'quotes:', 'summaries:' and 'press_releases:'",
}


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that leaves dates and times as the text the organiser typed.

    pydantic parses them against the field's type, so ``2025-9-5`` is reported as a bad date
    instead of silently accepted, and an offset such as ``+05:00`` is never shifted to UTC.
    """

    def construct_timestamp_as_text(self, node: ScalarNode) -> Any:
        return self.construct_scalar(node)


# Registered on the subclass only: ruamel's own constructors stay untouched.
_Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _Constructor.construct_timestamp_as_text
)


def load_content(directory: Path) -> Content:
    """Read and check ``directory``'s data files; raise ``ContentError`` listing every problem.

    Pure: reads the files, touches nothing else, and keeps no state between calls.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise ContentError(
            [Problem(directory.name or str(directory), None, "", "is not a directory")]
        )
    report = _Report()
    for spec in _FILES:
        report.documents[spec.name] = _read(directory, spec, report)
    parts: dict[str, Any] = {}
    for part in _PARTS:
        document = report.documents[part.file]
        if document is None:
            continue  # missing or unreadable: already reported
        if part.section is None:
            raw: Any = document
        elif part.section in document:
            raw = document[part.section]
        elif part.required:
            report.add(part.file, (part.section,), "missing")
            continue
        else:
            parts[part.name] = []
            continue
        try:
            parts[part.name] = part.adapter.validate_python(_plain(raw))
        except ValidationError as error:
            prefix: Loc = () if part.section is None else (part.section,)
            for detail in error.errors(include_url=False):
                report.add(part.file, prefix + tuple(detail["loc"]), _message(detail))
    _cross_check(parts, report)
    if report.problems or len(parts) != len(_PARTS):
        raise ContentError(report.sorted())
    return Content(**parts)


class _Report:
    """Collects problems and turns a path inside a file into that file's line number."""

    def __init__(self) -> None:
        self.documents: dict[str, dict[Any, Any] | None] = {}
        self.problems: list[Problem] = []

    def add(self, file: str, loc: Loc, message: str, *, line: int | None = None) -> None:
        if line is None:
            line = self.line(file, loc)
        self.problems.append(Problem(file, line, ".".join(str(step) for step in loc), message))

    def line(self, file: str, loc: Loc) -> int | None:
        """The 1-based line of ``loc``, or of its closest existing parent for a missing field.

        A path that stops at the top of the file has no line: the problem is the whole file.
        """
        node: Any = self.documents.get(file)
        line: int | None = None
        for step in loc:
            position = _position(node, step)
            if position is None:
                break
            line = position + 1
            node = node[step]
        return line

    def sorted(self) -> list[Problem]:
        """Problems in file order, then line order, so the list reads like the files."""
        return sorted(
            self.problems,
            key=lambda p: (_FILE_ORDER.get(p.file, len(_FILE_ORDER)), p.line or 0),
        )


def _position(node: Any, step: int | str) -> int | None:
    """0-based line of the key or item ``step`` in a ruamel container, if it is there."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(node, dict) and step in node:
            return int(lc.key(step)[0])
        if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            return int(lc.item(step)[0])
    except (KeyError, IndexError, TypeError):
        return None  # a node built by a merge key or alias may carry no position
    return None


def _read(directory: Path, spec: _File, report: _Report) -> dict[Any, Any] | None:
    """Parse one file; report and return None when it is missing, unreadable or misshapen."""
    path = directory / spec.name
    if not path.is_file():
        if spec.required:
            report.add(spec.name, (), "file is missing")
            return None
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        report.add(spec.name, (), "file is not UTF-8 text; save it as UTF-8")
        return None
    except OSError as error:
        report.add(spec.name, (), f"cannot read the file: {error.strerror or error}")
        return None
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    try:
        document = yaml.load(text)
    except YAMLError as error:
        line, message = _yaml_problem(error)
        report.add(spec.name, (), message, line=line)
        return None
    if document is None:
        report.add(spec.name, (), f"file is empty; expected {_EXPECTED_TOP[spec.name]}")
        return None
    if not isinstance(document, dict):
        report.add(
            spec.name,
            (),
            f"expected {_EXPECTED_TOP[spec.name]} at the top of the file, "
            f"got {_describe(document)}",
            line=1,
        )
        return None
    report.documents[spec.name] = document
    if spec.sections is not None:
        for key in document:
            if key not in spec.sections:
                report.add(spec.name, (key,), "unknown field (typo?)")
    return document


def _yaml_problem(error: YAMLError) -> tuple[int | None, str]:
    """Line and a short message for a YAML syntax error, without ruamel's source excerpt."""
    if isinstance(error, MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        what = error.problem or error.context or "unreadable YAML"
        if error.context and error.problem:
            what = f"{error.problem} ({error.context})"
        if "'\\t'" in what:
            what += "; indent with spaces, not tabs"
        return line, f"YAML syntax error: {what}"
    return None, f"YAML syntax error: {error}"


def _plain(node: Any) -> Any:
    """The ruamel tree as plain dicts, lists, str, int, float and bool for pydantic.

    ruamel's own types (CommentedMap, LiteralScalarString, ScalarFloat, …) must not leak into
    the models, which are compared, hashed and dumped by other code.
    """
    if isinstance(node, dict):
        return {_plain(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, bool | ScalarBoolean):
        return bool(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _describe(value: Any) -> str:
    """A found value as an organiser would recognise it in the file."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping of fields"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    return str(value)


_DATE_HINT = "a date as YYYY-MM-DD"
_DATETIME_HINT = "a date and time as YYYY-MM-DDTHH:MM"


def _message(detail: ErrorDetails) -> str:
    """pydantic's error in an organiser's words: what was expected, what was found."""
    kind = detail["type"]
    found = _describe(detail.get("input"))
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    message = detail["msg"]
    if kind == "missing":
        return "missing"
    if kind == "extra_forbidden":
        return "unknown field (typo?)"
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "assertion_error":
        return message.removeprefix("Assertion failed, ")
    if kind == "string_pattern_mismatch":
        return (
            "an id must be 1 to 32 lowercase latin letters, digits or dashes, "
            f"starting with a letter or digit; got {found}"
        )
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_type":
        return f"expected text, got {found}"
    if kind.startswith("datetime_"):
        return f"expected {_DATETIME_HINT}, got {found}"
    if kind.startswith("date_"):
        return f"expected {_DATE_HINT}, got {found}"
    if kind.startswith("bool_"):
        return f"expected true or false, got {found}"
    if kind == "enum":
        return f"expected {ctx.get('expected', 'one of the listed values')}, got {found}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), got {found}"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return f"expected a mapping of fields (name: value), got {found}"
    readable = message.replace("Input should be", "should be")
    return f"{readable}, got {found}"


def _cross_check(parts: dict[str, Any], report: _Report) -> None:
    """Rules that span records or files, run for every combination of parts that validated."""
    event: Event | None = parts.get("event")
    programme: Programme | None = parts.get("programme")
    delegations: list[Delegation] | None = parts.get("delegations")
    people: list[Person] | None = parts.get("people")
    quotes: list[Quote] | None = parts.get("quotes")
    summaries: list[Summary] | None = parts.get("summaries")
    releases: list[PressRelease] | None = parts.get("press_releases")

    if programme is not None:
        _check_programme(programme, event, report)
    if delegations is not None:
        _unique(report, DELEGATIONS_FILE, "delegation", _ids("delegations", delegations))
    if people is not None:
        _unique(report, PEOPLE_FILE, "person", _ids("people", people))
    if quotes is not None:
        _unique(report, PRESS_FILE, "quote", _ids("quotes", quotes))
    if releases is not None:
        _unique(report, PRESS_FILE, "press release", _ids("press_releases", releases))

    if people is not None:
        person_by_id = {person.id: person for person in people}
        if programme is not None:
            for i, day in enumerate(programme.days):
                for j, session in enumerate(day.sessions):
                    for k, speaker in enumerate(session.speakers):
                        if speaker not in person_by_id:
                            loc: tuple[str | int, ...] = ("days", i, "sessions", j, "speakers", k)
                            report.add(PROGRAMME_FILE, loc, _unknown_person(speaker))
        if quotes is not None:
            for i, quote in enumerate(quotes):
                if quote.speaker not in person_by_id:
                    loc = ("quotes", i, "speaker")
                    report.add(PRESS_FILE, loc, _unknown_person(quote.speaker))
        if delegations is not None:
            _check_memberships(delegations, people, person_by_id, report)

    if summaries is not None:
        days = {day.date for day in programme.days} if programme is not None else None
        seen: dict[dt.date, int] = {}
        for i, summary in enumerate(summaries):
            loc = ("summaries", i, "day")
            if summary.day in seen:
                report.add(
                    PRESS_FILE,
                    loc,
                    f"a second summary for {summary.day}; "
                    f"the first is summaries.{seen[summary.day]}",
                )
            seen.setdefault(summary.day, i)
            if days is not None and summary.day not in days:
                report.add(
                    PRESS_FILE,
                    loc,
                    f"{summary.day} is not a day of the programme ({PROGRAMME_FILE})",
                )


def _check_programme(programme: Programme, event: Event | None, report: _Report) -> None:
    """Days: at least one, unique, inside the event; sessions: unique ids, in order, apart."""
    if not programme.days:
        report.add(PROGRAMME_FILE, ("days",), "the programme needs at least one day")
    seen_dates: dict[dt.date, int] = {}
    for i, day in enumerate(programme.days):
        loc: Loc = ("days", i, "date")
        if day.date in seen_dates:
            report.add(
                PROGRAMME_FILE,
                loc,
                f"{day.date} is listed twice; the first is days.{seen_dates[day.date]}",
            )
        seen_dates.setdefault(day.date, i)
        if event is not None and not event.starts_on <= day.date <= event.ends_on:
            report.add(
                PROGRAMME_FILE,
                loc,
                f"{day.date} is outside the event dates "
                f"({event.starts_on} to {event.ends_on} in {EVENT_FILE})",
            )
        previous = None
        # Per room, the session ending last so far: parallel tracks in other rooms (an
        # imported conference schedule) may overlap, two sessions in one room may not.
        latest_end: dict[Text, Session] = {}
        for j, session in enumerate(day.sessions):
            start_loc: Loc = ("days", i, "sessions", j, "start")
            in_room = latest_end.get(session.room)
            if previous is not None and session.start < previous.start:
                report.add(
                    PROGRAMME_FILE,
                    start_loc,
                    f"listed out of time order: starts at {session.start}, before "
                    f"{previous.id!r} above it ({previous.start}); keep sessions in time order",
                )
            elif in_room is not None and session.start < in_room.end:
                report.add(
                    PROGRAMME_FILE,
                    start_loc,
                    f"starts at {session.start}, overlapping {in_room.id!r} "
                    f"({in_room.start}–{in_room.end})",
                )
            previous = session
            if in_room is None or session.end > in_room.end:
                latest_end[session.room] = session
    sessions = (
        (("days", i, "sessions", j), session)
        for i, day in enumerate(programme.days)
        for j, session in enumerate(day.sessions)
    )
    _unique(report, PROGRAMME_FILE, "session", ((loc, s.id) for loc, s in sessions))


def _check_memberships(
    delegations: list[Delegation],
    people: list[Person],
    person_by_id: dict[str, Person],
    report: _Report,
) -> None:
    """Heads and members point at existing records, and a head sits in their delegation."""
    delegation_ids = {delegation.id for delegation in delegations}
    for i, person in enumerate(people):
        if person.delegation is not None and person.delegation not in delegation_ids:
            report.add(
                PEOPLE_FILE,
                ("people", i, "delegation"),
                f"unknown delegation {person.delegation!r} (no such id in {DELEGATIONS_FILE})",
            )
    for i, delegation in enumerate(delegations):
        if delegation.head is None:
            continue
        loc: Loc = ("delegations", i, "head")
        head = person_by_id.get(delegation.head)
        if head is None:
            report.add(DELEGATIONS_FILE, loc, _unknown_person(delegation.head))
        elif head.delegation != delegation.id:
            member_of = f"in {head.delegation!r}" if head.delegation else "in no delegation"
            report.add(
                DELEGATIONS_FILE,
                loc,
                f"head {head.id!r} is not a member of this delegation "
                f"({PEOPLE_FILE} puts them {member_of})",
            )


def _ids(section: str, records: Iterable[Any]) -> Iterable[tuple[Loc, str]]:
    return (((section, i), record.id) for i, record in enumerate(records))


def _unique(report: _Report, file: str, kind: str, items: Iterable[tuple[Loc, str]]) -> None:
    """Report every repeat of an id, naming where it was first used."""
    first: dict[str, Loc] = {}
    for loc, key in items:
        if key in first:
            where = ".".join(str(step) for step in first[key])
            line = report.line(file, (*first[key], "id"))
            at = f"{where}, line {line}" if line is not None else where
            report.add(file, (*loc, "id"), f"duplicate {kind} id {key!r} (first used at {at})")
        else:
            first[key] = loc


def _unknown_person(key: str) -> str:
    return f"unknown person {key!r} (no such id in {PEOPLE_FILE})"


__all__ = ["ContentError", "Problem", "load_content"]
