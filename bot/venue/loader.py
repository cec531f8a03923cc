"""Reads ``practical.yaml`` and says what is wrong in an organiser's terms.

The file is optional (a meeting may publish no practical information); when it is there,
every problem is listed at once with the file, the line and the dotted path to the field,
in the same ``Problem`` shape as the other data files, so ``python -m bot check`` prints
them alike. The line comes from ruamel.yaml's round-trip tree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from bot.content.loader import ContentError, Problem
from bot.venue.models import Practical

PRACTICAL_FILE = "practical.yaml"
Loc = tuple[int | str, ...]

_ADAPTER = TypeAdapter(Practical)


def load_practical(directory: Path) -> Practical | None:
    """The file's content, None when there is no such file; ``ContentError`` otherwise."""
    path = Path(directory) / PRACTICAL_FILE
    if not path.is_file():
        return None
    document = _read(path)
    try:
        practical = _ADAPTER.validate_python(_plain(document))
    except ValidationError as error:
        problems = [_problem(document, tuple(d["loc"]), _message(d)) for d in error.errors()]
        raise ContentError(sorted(problems, key=lambda p: p.line or 0)) from None
    problems = _repeats(document, practical)
    if problems:
        raise ContentError(problems)
    return practical


def describe_practical(practical: Practical | None) -> str:
    """``check``'s line for the file: what it holds, or that there is none."""
    if practical is None:
        return f"{PRACTICAL_FILE}: none (/venue says practical information is not published)"
    filled = [
        name
        for name, value in (
            ("hotel", practical.hotel),
            ("Wi-Fi", practical.wifi),
            ("help desk", practical.help_desk),
        )
        if value is not None
    ]
    return (
        f"{PRACTICAL_FILE}: OK — {practical.venue.name.en}, {len(practical.halls)} hall(s), "
        f"{len(practical.transport)} transport note(s), "
        f"{len(practical.emergency)} emergency contact(s)"
        + (f", {', '.join(filled)}" if filled else "")
    )


def _read(path: Path) -> dict[Any, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _single(None, "file is not UTF-8 text; save it as UTF-8") from None
    except OSError as error:
        raise _single(None, f"cannot read the file: {error.strerror or error}") from None
    try:
        document = YAML(typ="rt").load(text)
    except YAMLError as error:
        line = None
        if isinstance(error, MarkedYAMLError) and error.problem_mark is not None:
            line = error.problem_mark.line + 1
        what = getattr(error, "problem", None) or "unreadable YAML"
        raise _single(line, f"YAML syntax error: {what}") from None
    if not isinstance(document, dict):
        raise _single(1, "expected the fields 'venue:', 'halls:', … at the top of the file")
    return document


def _single(line: int | None, message: str) -> ContentError:
    return ContentError([Problem(PRACTICAL_FILE, line, "", message)])


def _problem(document: Any, loc: Loc, message: str) -> Problem:
    return Problem(PRACTICAL_FILE, _line(document, loc), ".".join(map(str, loc)), message)


def _line(node: Any, loc: Loc) -> int | None:
    """1-based line of ``loc``, or of its closest existing parent for a missing field."""
    line = None
    for step in loc:
        lc: Any = getattr(node, "lc", None)
        try:
            if isinstance(node, dict) and step in node:
                line = int(lc.key(step)[0]) + 1
            elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
                line = int(lc.item(step)[0]) + 1
            else:
                break
        except (AttributeError, KeyError, IndexError, TypeError):
            break
        node = node[step]
    return line


def _plain(node: Any) -> Any:
    """ruamel's own types as plain dicts, lists, str, int, float and bool for pydantic."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    for kind in (bool, str, int, float):
        if isinstance(node, kind):
            return kind(node)
    return node


def _message(detail: ErrorDetails) -> str:
    kind, found = detail["type"], detail.get("input")
    limit = detail.get("ctx", {}).get("max_length")
    shown = "nothing" if found is None else repr(found) if isinstance(found, str) else found
    messages = {
        "missing": "missing",
        "extra_forbidden": "unknown field (typo?)",
        "string_too_short": "must not be empty",
        "string_too_long": f"too long: at most {limit} characters",
        "string_type": f"expected text, got {shown}; put it in quotes",
        "float_type": f"expected a number of degrees, got {shown}",
        "float_parsing": f"expected a number of degrees, got {shown}",
        "bool_type": f"expected true or false, got {shown}",
        "bool_parsing": f"expected true or false, got {shown}",
        "list_type": f"expected a list (lines starting with '- '), got {shown}",
        "string_pattern_mismatch": (
            "an id must be 1 to 32 lowercase latin letters, digits or dashes, "
            f"starting with a letter or digit; got {shown}"
        ),
    }
    if kind in messages:
        return messages[kind]
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"out of range: {detail['msg'].removeprefix('Input should be ')}, got {shown}"
    if kind in {"model_type", "dict_type"}:
        return f"expected a mapping of fields (name: value), got {shown}"
    return f"{detail['msg']}, got {shown}"


def _repeats(document: Any, practical: Practical) -> list[Problem]:
    """Two halls with one id, or one programme room claimed by two halls."""
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    rooms: dict[str, int] = {}
    for index, hall in enumerate(practical.halls):
        if hall.id in ids:
            message = f"duplicate hall id {hall.id!r} (first used at halls.{ids[hall.id]})"
            problems.append(_problem(document, ("halls", index, "id"), message))
        ids.setdefault(hall.id, index)
        names = (room_key(hall.programme_room.ru), room_key(hall.programme_room.en))
        taken = next((room for room in names if room in rooms), None)
        if taken is not None:
            message = f"room {taken!r} is already the room of halls.{rooms[taken]}"
            problems.append(_problem(document, ("halls", index, "programme_room"), message))
        for room in names:
            rooms.setdefault(room, index)
    return problems


def room_key(room: str) -> str:
    """How a programme room and a hall's ``programme_room`` are compared."""
    return " ".join(room.casefold().split())
