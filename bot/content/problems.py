"""What a failed load reports: each problem with its file, line and dotted path.

The line comes from ruamel.yaml's round-trip tree, which keeps the position of every key
and list item; a path (pydantic's error ``loc`` or a cross-check's) is walked through that
tree to find it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.content.files import FILE_ORDER

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


class Report:
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
            key=lambda p: (FILE_ORDER.get(p.file, len(FILE_ORDER)), p.line or 0),
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
