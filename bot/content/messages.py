"""pydantic's validation errors in an organiser's words: what was expected, what was found."""

from __future__ import annotations

from typing import Any

from pydantic_core import ErrorDetails

_DATE_HINT = "a date as YYYY-MM-DD"
_DATETIME_HINT = "a date and time as YYYY-MM-DDTHH:MM"
_MAPPING = "expected a mapping of fields (name: value), got {found}"

# The models' own messages (validators, asserts) are already written for organisers:
# only pydantic's prefix is dropped.
_OWN_WORDS = {
    "value_error": "Value error, ",
    "assertion_error": "Assertion failed, ",
}

# Templates by pydantic error type; {found} is the value as written in the file and
# {expected} an enum's allowed values.
_BY_KIND = {
    "missing": "missing",
    "extra_forbidden": "unknown field (typo?)",
    "string_pattern_mismatch": (
        "an id must be 1 to 32 lowercase latin letters, digits or dashes, "
        "starting with a letter or digit; got {found}"
    ),
    "string_too_short": "must not be empty",
    "string_type": "expected text, got {found}",
    "enum": "expected {expected}, got {found}",
    "list_type": "expected a list (lines starting with '- '), got {found}",
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "dict_type": _MAPPING,
}

# Families of types (``date_parsing``, ``date_from_datetime_inexact``, …) share one message.
_BY_PREFIX = (
    ("datetime_", f"expected {_DATETIME_HINT}, got {{found}}"),
    ("date_", f"expected {_DATE_HINT}, got {{found}}"),
    ("bool_", "expected true or false, got {found}"),
)

# Anything else: pydantic's own sentence, shortened.
_FALLBACK = "{pydantic}, got {found}"


def message(detail: ErrorDetails) -> str:
    """The error as an organiser can act on it: what was expected, what was found."""
    kind = detail["type"]
    if kind in _OWN_WORDS:
        return detail["msg"].removeprefix(_OWN_WORDS[kind])
    template = _BY_KIND.get(kind) or next(
        (text for prefix, text in _BY_PREFIX if kind.startswith(prefix)), _FALLBACK
    )
    ctx: dict[str, Any] = dict(detail.get("ctx") or {})
    return template.format(
        found=describe(detail.get("input")),
        expected=ctx.get("expected", "one of the listed values"),
        pydantic=detail["msg"].replace("Input should be", "should be"),
    )


def describe(value: Any) -> str:
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
