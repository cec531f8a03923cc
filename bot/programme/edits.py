"""A proposal turned into edits, and the rules every edit keeps. Pure functions.

The rules: a session stays within one of the event's days and ends after it starts; it
does not overlap another session in the same room (checked on the day as it would be,
so sessions moved together never collide with their own old times); titles, rooms and
descriptions stay within their bounds; and a change that changes nothing is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from bot.content.models import Text
from bot.forms.input import Bounds
from bot.programme.values import (
    DESCRIPTION,
    ROOM,
    TITLE,
    Action,
    ChangeRejectedError,
    Edit,
    Fields,
    Problem,
    Proposal,
    Slot,
)

_SPAN = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-–—]\s*(\d{1,2})[:.](\d{2})$")


def parse_span(text: str | None) -> tuple[str, str]:
    """«10:20–12:50» (also with a hyphen, an em dash or spaces) as ``("10:20", "12:50")``."""
    match = _SPAN.match((text or "").strip())
    if match is None:
        raise ChangeRejectedError(Problem.BAD_TIME)
    hours = (int(match[1]), int(match[3]))
    minutes = (int(match[2]), int(match[4]))
    if max(hours) > 23 or max(minutes) > 59:
        raise ChangeRejectedError(Problem.BAD_TIME)
    start, end = (f"{h:02d}:{m:02d}" for h, m in zip(hours, minutes, strict=True))
    return start, end


def at(day: dt.date, hhmm: str, zone: ZoneInfo) -> dt.datetime:
    """Wall-clock ``HH:MM`` of ``day`` in the event's zone, in UTC."""
    local = dt.datetime.combine(day, dt.time.fromisoformat(hhmm), tzinfo=zone)
    return local.astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class Day:
    """The day a change happens on, as the store holds it now."""

    date: dt.date
    slots: tuple[Slot, ...]
    zone: ZoneInfo
    event_days: frozenset[dt.date]
    """The programme's days that lie within the event's dates."""


def later_of(target: Slot, slots: Iterable[Slot]) -> list[Slot]:
    """The sessions of the day that start after ``target`` (they move with a delay)."""
    return [s for s in slots if s.id != target.id and s.fields.starts_at > target.fields.starts_at]


def edits_for(proposal: Proposal, target: Slot | None, day: Day) -> list[Edit]:
    """The sessions a proposal changes, before and after; not yet checked."""
    if proposal.action is Action.ADD:
        return [Edit(0, "", day.date, None, _added(proposal, day))]
    if target is None:
        raise ChangeRejectedError(Problem.MISSING)
    if proposal.action is Action.CANCEL:
        return [Edit(target.id, target.key, target.day, target.fields, None)]
    if proposal.action is Action.DELAY:
        moved = [target, *(later_of(target, day.slots) if proposal.later else [])]
        by = dt.timedelta(minutes=proposal.minutes)
        return [Edit(s.id, s.key, s.day, s.fields, s.fields.moved(by)) for s in moved]
    return [Edit(target.id, target.key, target.day, target.fields, _edited(proposal, target, day))]


def _edited(proposal: Proposal, target: Slot, day: Day) -> Fields:
    fields = target.fields
    match proposal.action:
        case Action.TIMES:
            start, end = (
                at(day.date, proposal.start, day.zone),
                at(day.date, proposal.end, day.zone),
            )
            return replace(fields, starts_at=start, ends_at=end)
        case Action.ROOM if proposal.room is not None:
            return replace(fields, room=proposal.room)
        case Action.TITLE if proposal.title is not None:
            return replace(fields, title=proposal.title)
        case Action.DESCRIPTION:
            return replace(fields, description=proposal.description)
    raise ValueError(f"not an edit of one session: {proposal}")


def _added(proposal: Proposal, day: Day) -> Fields:
    if proposal.title is None or proposal.room is None:
        raise ValueError("an added session needs a title and a room")
    return Fields(
        starts_at=at(day.date, proposal.start, day.zone),
        ends_at=at(day.date, proposal.end, day.zone),
        room=proposal.room,
        title=proposal.title,
        description=proposal.description,
    )


def check(edits: Sequence[Edit], day: Day) -> None:
    """Raise ``ChangeRejectedError`` naming the first rule the edits break."""
    if all(edit.before == edit.after for edit in edits):
        raise ChangeRejectedError(Problem.NO_CHANGE)
    for edit in edits:
        if edit.after is None:
            continue
        check_texts(edit.after)
        check_times(edit.after.starts_at, edit.after.ends_at, day)
    check_overlaps(edits, day)


def check_texts(fields: Fields) -> None:
    check_text(fields.title, TITLE)
    check_text(fields.room, ROOM)
    if fields.description is not None:
        check_text(fields.description, DESCRIPTION)


def check_text(text: Text, bounds: Bounds) -> None:
    for value in (text.ru, text.en):
        if len(value) < bounds.low:
            raise ChangeRejectedError(Problem.TOO_SHORT, bounds=bounds)
        if len(value) > bounds.high:
            raise ChangeRejectedError(Problem.TOO_LONG, bounds=bounds)


def check_times(start: dt.datetime, end: dt.datetime, day: Day) -> None:
    """Ends after it starts, and both fall on the session's day, a day of the event."""
    if end <= start:
        raise ChangeRejectedError(Problem.END_BEFORE_START)
    dates = {start.astimezone(day.zone).date(), end.astimezone(day.zone).date()}
    if dates != {day.date} or day.date not in day.event_days:
        raise ChangeRejectedError(Problem.OUTSIDE_DAYS, day=day.date)


def same_room(a: Text, b: Text) -> bool:
    return a.ru.casefold() == b.ru.casefold() or a.en.casefold() == b.en.casefold()


def check_overlaps(edits: Sequence[Edit], day: Day) -> None:
    """No edited session shares its room with another at the same time, on the day as it
    would be after the change (sessions moved together are compared at their new times)."""
    final = {slot.id: slot for slot in day.slots}
    for edit in edits:
        if edit.after is None:
            final.pop(edit.session_id, None)
        elif edit.session_id in final:
            final[edit.session_id] = replace(final[edit.session_id], fields=edit.after)
    for edit in edits:
        if edit.after is None:
            continue
        for other in final.values():
            if other.id != edit.session_id and _collide(edit.after, other.fields):
                raise ChangeRejectedError(Problem.OVERLAP, other=other)


def _collide(a: Fields, b: Fields) -> bool:
    return same_room(a.room, b.room) and a.starts_at < b.ends_at and b.starts_at < a.ends_at
