"""Rules that span records or files, which no single model can check on its own.

Each check runs only when the parts it needs validated, so a typo in one file does not
hide the problems of the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bot.content.files import (
    DELEGATIONS_FILE,
    EVENT_FILE,
    PEOPLE_FILE,
    PRESS_FILE,
    PROGRAMME_FILE,
)
from bot.content.models import (
    Day,
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
from bot.content.problems import Loc, Report


@dataclass(frozen=True, slots=True)
class _Parts:
    """The parts of ``Content`` that validated; None for one that did not."""

    event: Event | None
    programme: Programme | None
    delegations: list[Delegation] | None
    people: list[Person] | None
    quotes: list[Quote] | None
    summaries: list[Summary] | None
    press_releases: list[PressRelease] | None


def cross_check(parts: dict[str, Any], report: Report) -> None:
    """Run every rule for which the parts it needs validated, reporting what breaks."""
    found = _Parts(
        event=parts.get("event"),
        programme=parts.get("programme"),
        delegations=parts.get("delegations"),
        people=parts.get("people"),
        quotes=parts.get("quotes"),
        summaries=parts.get("summaries"),
        press_releases=parts.get("press_releases"),
    )
    for check in _CHECKS:
        check(found, report)


def _programme(parts: _Parts, report: Report) -> None:
    """Days: at least one, unique, inside the event; sessions: unique ids, in order, apart."""
    programme = parts.programme
    if programme is None:
        return
    if not programme.days:
        report.add(PROGRAMME_FILE, ("days",), "the programme needs at least one day")
    seen_dates: dict[dt.date, int] = {}
    for i, day in enumerate(programme.days):
        _day_date(i, day, seen_dates, parts.event, report)
        _session_order(i, day, report)
    sessions = (
        (("days", i, "sessions", j), session)
        for i, day in enumerate(programme.days)
        for j, session in enumerate(day.sessions)
    )
    _unique(report, PROGRAMME_FILE, "session", ((loc, s.id) for loc, s in sessions))


def _day_date(
    i: int, day: Day, seen_dates: dict[dt.date, int], event: Event | None, report: Report
) -> None:
    """A day is listed once and falls within the event's dates."""
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


def _session_order(i: int, day: Day, report: Report) -> None:
    """Sessions are listed in time order, and two in one room do not overlap."""
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


# (section of ``Content``, its file, what its records are called): ids unique per section.
_ID_SECTIONS = (
    ("delegations", DELEGATIONS_FILE, "delegation"),
    ("people", PEOPLE_FILE, "person"),
    ("quotes", PRESS_FILE, "quote"),
    ("press_releases", PRESS_FILE, "press release"),
)


def _unique_ids(parts: _Parts, report: Report) -> None:
    """No two delegations, people, quotes or press releases share an id."""
    for section, file, kind in _ID_SECTIONS:
        records: list[Any] | None = getattr(parts, section)
        if records is not None:
            _unique(report, file, kind, _ids(section, records))


def _speakers(parts: _Parts, report: Report) -> None:
    """Every session's speaker is a person in people.yaml."""
    if parts.people is None or parts.programme is None:
        return
    person_ids = {person.id for person in parts.people}
    for i, day in enumerate(parts.programme.days):
        for j, session in enumerate(day.sessions):
            for k, speaker in enumerate(session.speakers):
                if speaker not in person_ids:
                    loc: Loc = ("days", i, "sessions", j, "speakers", k)
                    report.add(PROGRAMME_FILE, loc, _unknown_person(speaker))


def _quote_speakers(parts: _Parts, report: Report) -> None:
    """Every quote is said by a person in people.yaml."""
    if parts.people is None or parts.quotes is None:
        return
    person_ids = {person.id for person in parts.people}
    for i, quote in enumerate(parts.quotes):
        if quote.speaker not in person_ids:
            report.add(PRESS_FILE, ("quotes", i, "speaker"), _unknown_person(quote.speaker))


def _memberships(parts: _Parts, report: Report) -> None:
    """A person's delegation exists; a head exists and sits in their delegation."""
    if parts.people is None or parts.delegations is None:
        return
    delegation_ids = {delegation.id for delegation in parts.delegations}
    for i, person in enumerate(parts.people):
        if person.delegation is not None and person.delegation not in delegation_ids:
            report.add(
                PEOPLE_FILE,
                ("people", i, "delegation"),
                f"unknown delegation {person.delegation!r} (no such id in {DELEGATIONS_FILE})",
            )
    person_by_id = {person.id: person for person in parts.people}
    for i, delegation in enumerate(parts.delegations):
        if delegation.head is not None:
            loc: Loc = ("delegations", i, "head")
            _head(loc, delegation.id, delegation.head, person_by_id, report)


def _head(
    loc: Loc, delegation: str, key: str, person_by_id: dict[str, Person], report: Report
) -> None:
    """A delegation's head is a person listed as one of its members."""
    head = person_by_id.get(key)
    if head is None:
        report.add(DELEGATIONS_FILE, loc, _unknown_person(key))
    elif head.delegation != delegation:
        member_of = f"in {head.delegation!r}" if head.delegation else "in no delegation"
        report.add(
            DELEGATIONS_FILE,
            loc,
            f"head {head.id!r} is not a member of this delegation "
            f"({PEOPLE_FILE} puts them {member_of})",
        )


def _summaries(parts: _Parts, report: Report) -> None:
    """One summary per day, and only for a day of the programme."""
    if parts.summaries is None:
        return
    days = {day.date for day in parts.programme.days} if parts.programme is not None else None
    seen: dict[dt.date, int] = {}
    for i, summary in enumerate(parts.summaries):
        loc: Loc = ("summaries", i, "day")
        if summary.day in seen:
            report.add(
                PRESS_FILE,
                loc,
                f"a second summary for {summary.day}; the first is summaries.{seen[summary.day]}",
            )
        seen.setdefault(summary.day, i)
        if days is not None and summary.day not in days:
            report.add(
                PRESS_FILE,
                loc,
                f"{summary.day} is not a day of the programme ({PROGRAMME_FILE})",
            )


# In this order, so that problems on one line keep the order organisers are used to.
_CHECKS: tuple[Callable[[_Parts, Report], None], ...] = (
    _programme,
    _unique_ids,
    _speakers,
    _quote_speakers,
    _memberships,
    _summaries,
)


def _ids(section: str, records: Iterable[Any]) -> Iterable[tuple[Loc, str]]:
    return (((section, i), record.id) for i, record in enumerate(records))


def _unique(report: Report, file: str, kind: str, items: Iterable[tuple[Loc, str]]) -> None:
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
