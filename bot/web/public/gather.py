"""What each kind of public page shows, read from the public services.

Each gatherer takes the page's key from its address (already of the right shape) and
returns the template's context, or None when there is no such thing (→ 404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.agenda.values import Session
from bot.privacy.notice import notice_sections
from bot.programme.public_status import PLANNED, Status
from bot.programme.values import CancelledSession
from bot.web.public.sources import PublicSources

Context = dict[str, Any]
Gatherer = Callable[[PublicSources, str], Awaitable[Context | None]]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a day: a session with its status, or a session cancelled in chat."""

    starts_at: dt.datetime
    session: Session | None = None
    status: Status = PLANNED
    cancelled: CancelledSession | None = None


def parse_day(key: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(key, "%Y%m%d").date()
    except ValueError:
        return None


async def rows(sources: PublicSources, sessions: list[Session], day: dt.date | None) -> list[Row]:
    statuses = await sources.status.of(sessions)
    found = [Row(s.starts_at, s, statuses[s.id]) for s in sessions]
    found += [
        Row(c.fields.starts_at, cancelled=c)
        for c in await sources.status.cancelled()
        if day is None or c.day == day
    ]
    return sorted(found, key=lambda row: row.starts_at)


async def home(sources: PublicSources, key: str) -> Context:
    agenda = sources.agenda
    now_next = await agenda.now_and_next()
    shown = [*now_next.current, *([now_next.next] if now_next.next else [])]
    releases = await sources.press.releases()
    return {
        "now_next": now_next,
        "statuses": await sources.status.of(shown),
        "days": await agenda.days(),
        "latest": releases[0] if releases else None,
    }


async def day(sources: PublicSources, key: str) -> Context | None:
    date = parse_day(key)
    found = None if date is None else await sources.agenda.day(date)
    if found is None:
        return None
    chosen, sessions = found
    return {"day": chosen, "rows": await rows(sources, sessions, chosen.date)}


async def session(sources: PublicSources, key: str) -> Context | None:
    found = await sources.agenda.session(int(key))
    if found is not None:
        status = (await sources.status.of([found]))[found.id]
        return {"session": found, "status": status, "cancelled": None}
    cancelled = next(
        (c for c in await sources.status.cancelled() if c.session_id == int(key)), None
    )
    if cancelled is None:
        return None
    return {"session": None, "status": PLANNED, "cancelled": cancelled}


async def delegations(sources: PublicSources, key: str) -> Context:
    return {"participants": await sources.delegations.participants()}


async def delegation(sources: PublicSources, key: str) -> Context | None:
    found = await sources.delegations.get(int(key))
    return None if found is None else {"delegation": found}


async def venue(sources: PublicSources, key: str) -> Context:
    return {"practical": await sources.venue.practical()}


async def press(sources: PublicSources, key: str) -> Context:
    return {
        "releases": await sources.press.releases(),
        "summaries": await sources.press.summaries(),
    }


async def release(sources: PublicSources, key: str) -> Context | None:
    found = await sources.press.release(int(key))
    return None if found is None else {"release": found}


async def summary(sources: PublicSources, key: str) -> Context | None:
    date = parse_day(key)
    found = None if date is None else await sources.press.summary(date)
    return None if found is None else {"summary": found}


async def advisory(sources: PublicSources, key: str) -> Context:
    return {"advisory": await sources.advisory.advisory()}


async def privacy(sources: PublicSources, key: str) -> Context | None:
    """The notice is for everyone, with or without Telegram; without a readable file
    (``check`` refuses such data) there is no page rather than half a notice."""
    source = sources.privacy
    notice = source.notice()
    if notice is None:
        return None
    return {
        "notice": notice,
        "sections": {
            language: notice_sections(notice, language, source.retention_days)
            for language in ("ru", "en")
        },
    }


GATHERERS: dict[str, Gatherer] = {
    "home": home,
    "day": day,
    "session": session,
    "delegations": delegations,
    "delegation": delegation,
    "venue": venue,
    "press": press,
    "release": release,
    "summary": summary,
    "advisory": advisory,
    "privacy": privacy,
}
"""Every kind of page; the key is part of the address for the kinds of one thing."""
