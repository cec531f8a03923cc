"""A data file read on its own, beside the meeting's content (the survey, the privacy
notice): ruamel's round-trip reader, so each problem names its line as ``check`` does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from bot.content.problems import ContentError, Problem


def read_side_file(path: Path) -> Any:
    """The file's YAML tree; an unreadable file is a ``ContentError`` naming its line."""

    def problem(line: int | None, text: str) -> ContentError:
        return ContentError([Problem(path.name, line, "", text)])

    try:
        return YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise problem(None, "file is not UTF-8 text") from error
    except OSError as error:
        raise problem(None, f"cannot read the file: {error}") from error
    except YAMLError as error:
        mark = error.problem_mark if isinstance(error, MarkedYAMLError) else None
        line = None if mark is None else mark.line + 1
        what = getattr(error, "problem", None) or str(error)
        raise problem(line, f"YAML syntax error: {what}") from error


def plain(node: Any) -> Any:
    """ruamel's containers and scalars as plain Python values for pydantic."""
    if isinstance(node, dict):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(item) for item in node]
    if isinstance(node, str):
        return str(node)
    return node
