"""Calendar feeds a calendar app subscribes to and refreshes by itself.

The whole programme needs no sign-in. A user's own feed (the sessions they follow, the same
follows as chat's «Remind me») sits behind a secret link: a random token of 256 bits
of which only the SHA-256 is stored; a new link replaces the old one, and a revoked link
stops working at once. Entries keep the UIDs and SEQUENCE of the chat's ``.ics`` files, so a
moved session moves in the calendar instead of appearing twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections import OrderedDict
from dataclasses import dataclass

from bot.agenda.calendar import build_calendar
from bot.agenda.service import AgendaService
from bot.agenda.values import Session
from bot.calendar_feeds.repository import CalendarFeedRepository
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.service import UserService
from bot.users.values import User

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")
"""What ``secrets.token_urlsafe(32)`` gives; anything else is refused before the store."""
PROGRAMME = "programme"


@dataclass(frozen=True, slots=True)
class Feed:
    body: bytes
    etag: str
    last_modified: dt.datetime


class ChangeTimes:
    """When each feed's content was first served as it is now.

    A feed's Last-Modified cannot come from its sessions alone: unfollowing or removing a
    session changes the feed without touching a newer one. The first time a new content
    (ETag) is served counts instead, always after the previous one, so a calendar holding
    an older date never gets «not modified» for content it has not seen.
    """

    def __init__(self, limit: int = 10_000) -> None:
        self._seen: OrderedDict[str, tuple[str, dt.datetime]] = OrderedDict()
        self._limit = limit

    def since(self, key: str, etag: str, now: dt.datetime) -> dt.datetime:
        now = now.replace(microsecond=0)
        known = self._seen.get(key)
        if known is not None and known[0] == etag:
            self._seen.move_to_end(key)
            return known[1]
        since = now if known is None else max(now, known[1] + dt.timedelta(seconds=1))
        self._seen[key] = (etag, since)
        self._seen.move_to_end(key)
        while len(self._seen) > self._limit:
            self._seen.popitem(last=False)
        return since


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeedService:
    def __init__(
        self, store: Store, clock: Clock, agenda: AgendaService, users: UserService
    ) -> None:
        self._store = store
        self._links = CalendarFeedRepository(store.db)
        self._clock = clock
        self._agenda = agenda
        self._users = users
        self._changes = ChangeTimes()

    async def issue(self, user: User) -> str:
        """A new secret link for ``user``; the token is shown once and never stored."""
        token = secrets.token_urlsafe(32)
        await self._links.replace(user.id, token_hash(token), self._clock.now())
        return token

    async def revoke(self, user: User) -> bool:
        return await self._links.remove(user.id)

    async def issued_at(self, user: User) -> dt.datetime | None:
        return await self._links.created_at(user.id)

    async def programme(self, language: str) -> Feed:
        sessions = await self._agenda.programme()
        return await self._feed(f"{PROGRAMME}:{language}", sessions, language)

    async def personal(self, token: str) -> Feed | None:
        """The followed sessions of the link's owner in their language; None: no such link."""
        if not TOKEN_PATTERN.match(token):
            return None
        owner = await self._links.owner(token_hash(token))
        user = None if owner is None else await self._users.known(owner)
        if user is None:
            return None
        return await self._feed(f"user:{user.id}", await self.followed(user.id), user.language)

    async def followed(self, user_id: int) -> list[Session]:
        """Every followed session, those already over included: a calendar keeps its past."""
        ids = set(await self._store.reminders.session_ids(user_id))
        return [session for session in await self._agenda.programme() if session.id in ids]

    async def _feed(self, key: str, sessions: list[Session], language: str) -> Feed:
        event = await self._agenda.event()
        body = build_calendar(event, sessions, language, await self._agenda.zone())
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        return Feed(body, etag, self._changes.since(key, etag, self._clock.now()))
