"""Problems and warnings, each named by its place in the export.

An export is someone else's file: the operator fixing it needs to find the spot, so every
message starts with a place such as ``schedule.conference.days[0].rooms.Saal 1[3].foo``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

Loc = tuple[str | int, ...]
Placer = Callable[[Loc], str]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: where it is and what is wrong (or merely surprising) there."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


class ScheduleImportError(Exception):
    """The export cannot be imported; nothing was written. ``problems`` name file and place."""

    def __init__(self, problems: list[str], warnings: list[Problem] | None = None) -> None:
        self.problems = problems
        self.warnings = warnings or []
        super().__init__("\n".join(problems))


def json_place(loc: Loc) -> str:
    """``("schedule", "conference", "days", 0)`` → ``schedule.conference.days[0]``."""
    where = ""
    for part in loc:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    return where


def talk_context(raw: Any, loc: Loc) -> str:
    """`` (talk 54 «Title»)`` when ``loc`` is inside a talk of the raw export, else ``""``."""
    node, talk = raw, None
    for part in loc:
        if isinstance(node, dict | list):
            try:
                node = node[part]  # type: ignore[index]  # a wrong key type is caught
            except (KeyError, IndexError, TypeError):
                node = None
        if isinstance(node, dict) and "title" in node and ("room" in node or "date" in node):
            talk = node
    if talk is None:
        return ""
    ident = talk.get("id", talk.get("guid"))
    return f" (talk {ident!r} «{talk.get('title')}»)"


def unknown_fields(node: Any, loc: Loc) -> Iterator[Loc]:
    """Places of keys the models kept as extras: not in the format as we know it."""
    if isinstance(node, BaseModel):
        for key in node.model_extra or {}:
            yield (*loc, key)
        for name, info in type(node).model_fields.items():
            yield from unknown_fields(getattr(node, name), (*loc, info.alias or name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from unknown_fields(item, (*loc, index))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from unknown_fields(item, (*loc, key))


def unknown_warnings(model: BaseModel, raw: Any, place: Placer) -> list[Problem]:
    """One warning per unknown field: we import without it, the operator should know."""
    return [
        Problem(place(loc), f"unknown field, ignored{talk_context(raw, loc)}")
        for loc in unknown_fields(model, ())
    ]


def validation_problems(error: ValidationError, raw: Any, place: Placer) -> list[Problem]:
    """Pydantic's errors as places in the export, with the talk they belong to."""
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        message = "missing" if item["type"] == "missing" else item["msg"]
        problems.append(Problem(place(loc), f"{message}{talk_context(raw, loc)}"))
    return problems
