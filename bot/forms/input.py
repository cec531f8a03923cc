"""Bounds on what journalists and organisers type, checked before anything is stored."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class Problem(StrEnum):
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    COMMAND = "command"
    CONTACT = "contact"
    TIME = "time"


@dataclass(frozen=True, slots=True)
class Bounds:
    low: int
    high: int


NAME = Bounds(3, 100)
OUTLET = Bounds(2, 100)
ROLE = Bounds(2, 60)
CONTACT = Bounds(5, 100)
QUESTION = Bounds(10, 1000)
ANSWER = Bounds(2, 3000)
REASON = Bounds(3, 500)
TITLE = Bounds(5, 200)
BODY = Bounds(20, 8000)


class InputRejectedError(ValueError):
    """What was wrong with a typed answer; handlers turn it into a translated message."""

    def __init__(self, problem: Problem, bounds: Bounds) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.bounds = bounds


_SPACES = re.compile(r"[ \t]+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().-]+$")


def clean(text: str | None, bounds: Bounds, *, multiline: bool = False) -> str:
    """The text trimmed and squeezed, or ``InputRejectedError`` saying why it cannot be used."""
    value = (text or "").strip()
    if multiline:
        value = "\n".join(_SPACES.sub(" ", line).strip() for line in value.splitlines())
        value = re.sub(r"\n{3,}", "\n\n", value)
    else:
        value = _SPACES.sub(" ", " ".join(value.split()))
    if not value:
        raise InputRejectedError(Problem.EMPTY, bounds)
    if value.startswith("/"):
        raise InputRejectedError(Problem.COMMAND, bounds)
    if len(value) < bounds.low:
        raise InputRejectedError(Problem.TOO_SHORT, bounds)
    if len(value) > bounds.high:
        raise InputRejectedError(Problem.TOO_LONG, bounds)
    return value


def clean_contact(text: str | None) -> str:
    """A phone number (at least 7 digits) or an e-mail address."""
    value = clean(text, CONTACT)
    digits = sum(ch.isdigit() for ch in value)
    if _EMAIL.match(value) or (_PHONE.match(value) and 7 <= digits <= 15):
        return value
    raise InputRejectedError(Problem.CONTACT, CONTACT)


_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_DATE_CLOCK = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(\d{1,2})[:.](\d{2})$")
MOMENT = Bounds(4, 20)


def parse_moment(text: str | None, now: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """«18:30» (today, or tomorrow once past) or «06.09 18:30», wall-clock in ``zone``; UTC."""
    value = clean(text, MOMENT)
    local_now = now.astimezone(zone)
    try:
        if match := _CLOCK.match(value):
            time = dt.time(int(match[1]), int(match[2]))
            moment = dt.datetime.combine(local_now.date(), time, tzinfo=zone)
            if moment <= local_now:
                moment += dt.timedelta(days=1)
        elif match := _DATE_CLOCK.match(value):
            time = dt.time(int(match[3]), int(match[4]))
            date = dt.date(local_now.year, int(match[2]), int(match[1]))
            moment = dt.datetime.combine(date, time, tzinfo=zone)
        else:
            raise InputRejectedError(Problem.TIME, MOMENT)
    except ValueError as error:  # 25:00, 31.02 …
        if isinstance(error, InputRejectedError):
            raise
        raise InputRejectedError(Problem.TIME, MOMENT) from error
    return moment.astimezone(dt.UTC)
