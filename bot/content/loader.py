"""Reads the five files in ``data/`` and checks them as one meeting.

The files are written by organisers, not programmers, so a failed load must say where and
what in their terms: the file, the line, the dotted path to the field and a plain message,
and it must list every problem at once, so that one run of ``python -m bot check data/``
gives the whole to-do list instead of one error per edit.

ruamel.yaml's round-trip loader keeps the line of every key and list item, so that
``problems.Report`` can turn pydantic's error ``loc`` into a line. Each part (event, programme,
delegations, people, quotes, summaries, press releases) is validated on its own, so a typo in
one file does not hide the problems of the others; the cross-checks between parts
(``checks``) then run for every combination of parts that validated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.scalarbool import ScalarBoolean

from bot.content.checks import cross_check
from bot.content.files import (
    DELEGATIONS_FILE,
    EVENT_FILE,
    PEOPLE_FILE,
    PRESS_FILE,
    PROGRAMME_FILE,
)
from bot.content.messages import describe, message
from bot.content.models import (
    Content,
    Delegation,
    Event,
    Person,
    PressRelease,
    Programme,
    Quote,
    Summary,
)
from bot.content.problems import ContentError, Loc, Problem, Report


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

# A part that is missing or invalid (already reported): ``Content`` cannot be built.
_FAILED = object()


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
    report = Report()
    for spec in _FILES:
        report.documents[spec.name] = _read(directory, spec, report)
    parts: dict[str, Any] = {}
    for part in _PARTS:
        value = _validated(part, report)
        if value is not _FAILED:
            parts[part.name] = value
    cross_check(parts, report)
    if report.problems or len(parts) != len(_PARTS):
        raise ContentError(report.sorted())
    return Content(**parts)


def _validated(part: _Part, report: Report) -> Any:
    """The part validated by its model, or ``_FAILED`` after reporting why it cannot be."""
    document = report.documents[part.file]
    if document is None:
        return _FAILED  # missing or unreadable: already reported
    if part.section is not None and part.section not in document:
        if part.required:
            report.add(part.file, (part.section,), "missing")
            return _FAILED
        return []
    raw = document if part.section is None else document[part.section]
    try:
        return part.adapter.validate_python(_plain(raw))
    except ValidationError as error:
        prefix: Loc = () if part.section is None else (part.section,)
        for detail in error.errors(include_url=False):
            report.add(part.file, prefix + tuple(detail["loc"]), message(detail))
        return _FAILED


def _read(directory: Path, spec: _File, report: Report) -> dict[Any, Any] | None:
    """Parse one file; report and return None when it is missing, unreadable or misshapen."""
    path = directory / spec.name
    if not path.is_file():
        if spec.required:
            report.add(spec.name, (), "file is missing")
            return None
        return {}
    text = _text(path, spec.name, report)
    document = None if text is None else _parse(text, spec.name, report)
    if document is not None and spec.sections is not None:
        report.documents[spec.name] = document  # the problems below need its lines
        for key in document:
            if key not in spec.sections:
                report.add(spec.name, (key,), "unknown field (typo?)")
    return document


def _text(path: Path, name: str, report: Report) -> str | None:
    """The file's text, or None after reporting why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        report.add(name, (), "file is not UTF-8 text; save it as UTF-8")
    except OSError as error:
        report.add(name, (), f"cannot read the file: {error.strerror or error}")
    return None


def _parse(text: str, name: str, report: Report) -> dict[Any, Any] | None:
    """The file's top-level mapping, or None after reporting bad YAML or a wrong shape."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    try:
        document = yaml.load(text)
    except YAMLError as error:
        line, problem = _yaml_problem(error)
        report.add(name, (), problem, line=line)
        return None
    if document is None:
        report.add(name, (), f"file is empty; expected {_EXPECTED_TOP[name]}")
        return None
    if not isinstance(document, dict):
        report.add(
            name,
            (),
            f"expected {_EXPECTED_TOP[name]} at the top of the file, got {describe(document)}",
            line=1,
        )
        return None
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


# ruamel's scalar types and the plain type each becomes; bool first, as it is an int.
_SCALARS: tuple[tuple[tuple[type[Any], ...], Callable[[Any], Any]], ...] = (
    ((bool, ScalarBoolean), bool),
    ((str,), str),
    ((int,), int),
    ((float,), float),
)


def _plain(node: Any) -> Any:
    """The ruamel tree as plain dicts, lists, str, int, float and bool for pydantic.

    ruamel's own types (CommentedMap, LiteralScalarString, ScalarFloat, …) must not leak into
    the models, which are compared, hashed and dumped by other code.
    """
    if isinstance(node, dict):
        return {_plain(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    for types, plain in _SCALARS:
        if isinstance(node, types):
            return plain(node)
    return node


__all__ = ["load_content"]
