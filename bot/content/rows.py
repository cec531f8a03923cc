"""The rows each content table must hold for a ``Content``, keyed by the data files' keys.

Pure: the sync compares these with what the store holds and writes only the difference.
Rows that point at other rows (a person's delegation, a quote's speaker) take the numeric
ids the sync has just given those, so they are built after them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bot.content.models import Content, Day, Session
from bot.store.codec import text_json, utc_text

Rows = dict[str, dict[str, Any]]

# The columns a session's change record keeps, in the order of ``session_values``.
SESSION_FIELDS = (
    "day",
    "starts_at",
    "ends_at",
    "title",
    "room",
    "description",
    "times_illustrative",
    "position",
    "press",
)


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A session as the store keeps it: its key, its columns and its speakers' ids in order."""

    key: str
    values: dict[str, Any]
    speakers: list[int]


def days(content: Content) -> Rows:
    return {day.date.isoformat(): {"title": text_json(day.title)} for day in content.programme.days}


def delegations(content: Content) -> Rows:
    return {
        d.id: {
            "kind": d.kind.value,
            "name": text_json(d.name),
            "country": text_json(d.country),
            "attendance": d.attendance.value,
            "observer": int(d.observer),
            "about": text_json(d.about),
            "position": position,
        }
        for position, d in enumerate(content.delegations)
    }


def people(content: Content, delegation_ids: dict[str, int]) -> Rows:
    heads = {d.head for d in content.delegations if d.head}
    return {
        p.id: {
            "name": text_json(p.name),
            "role": text_json(p.role),
            "delegation_id": delegation_ids.get(p.delegation or ""),
            "attendance": p.attendance.value,
            "is_head": int(p.id in heads),
            "position": position,
            "interviews": p.interviews.model_dump_json() if p.interviews else None,
        }
        for position, p in enumerate(content.people)
    }


def sessions(content: Content, person_ids: dict[str, int]) -> Iterator[SessionRow]:
    zone = content.event.zone
    for day in content.programme.days:
        for position, session in enumerate(day.sessions):
            yield SessionRow(
                key=session.id,
                values=session_values(day, position, session, zone),
                speakers=[person_ids[key] for key in session.speakers],
            )


def session_values(day: Day, position: int, session: Session, zone: dt.tzinfo) -> dict[str, Any]:
    def moment(hhmm: str) -> str:
        local = dt.datetime.combine(day.date, dt.time.fromisoformat(hhmm), tzinfo=zone)
        return utc_text(local)

    return {
        "day": day.date.isoformat(),
        "starts_at": moment(session.start),
        "ends_at": moment(session.end),
        "title": text_json(session.title),
        "room": text_json(session.room),
        "description": text_json(session.description),
        "times_illustrative": int(session.times_illustrative),
        "position": position,
        "press": session.press.value,
    }


def quotes(content: Content, person_ids: dict[str, int]) -> Rows:
    return {
        q.id: {
            "person_id": person_ids[q.speaker],
            "text": text_json(q.text),
            "said_on": q.said_on.isoformat(),
            "source": text_json(q.source),
            "origin": "data",
        }
        for q in content.quotes
    }


def summaries(content: Content) -> Rows:
    return {
        s.day.isoformat(): {
            "title": text_json(s.title),
            "body": text_json(s.body),
            "origin": "data",
        }
        for s in content.summaries
    }


def press_releases(content: Content) -> Rows:
    zone = content.event.zone
    return {
        r.id: {
            "title": text_json(r.title),
            "body": text_json(r.body),
            "published_at": utc_text(r.published_at.replace(tzinfo=zone)),
            "embargo_until": (
                utc_text(r.embargo_until.replace(tzinfo=zone)) if r.embargo_until else None
            ),
            "origin": "data",
        }
        for r in content.press_releases
    }
