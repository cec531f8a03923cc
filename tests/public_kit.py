"""What the public edition's tests share: the address of one page of every kind."""

from __future__ import annotations

import datetime as dt

import aiohttp
from multidict import CIMultiDict

from bot.app import App
from bot.content.models import Text
from bot.programme.values import Action, Proposal
from bot.users.values import Role, User
from tests.conftest import local

ORGANISER = User(900001, "Anna", "en", Role.ORGANISER)
LANGUAGES = ("ru", "en")


async def page_kinds(app: App) -> dict[str, str]:
    """Kind → an address of that kind (``{lang}`` to fill in), for every kind of page."""
    store = app.store
    session = (await store.programme.sessions())[0]
    delegation = (await store.delegations.all())[0]
    releases = await store.press_releases.published(local(7, 0), include_embargoed=False)
    return {
        "home": "{lang}/",
        "day": "{lang}/day/20250905",
        "session": f"{{lang}}/session/{session.id}",
        "delegations": "{lang}/delegations",
        "delegation": f"{{lang}}/delegation/{delegation.id}",
        "venue": "{lang}/venue",
        "press": "{lang}/press",
        "release": f"{{lang}}/release/{releases[0].id}",
        "summary": "{lang}/summary/20250905",
        "advisory": "{lang}/advisory",
        "privacy": "{lang}/privacy",
    }


async def get(
    base: str, path: str, *, raw: bool = False, **headers: str
) -> tuple[int, bytes, CIMultiDict[str]]:
    """``(status, body as sent, headers)`` of ``base/path``: gzip is not undone;
    ``raw`` sends the path as written (``..`` and ``%2e`` kept)."""
    async with aiohttp.ClientSession(auto_decompress=False) as http:
        url = base + "/" + path
        target: str | object = aiohttp.client.URL(url, encoded=True) if raw else url
        async with http.get(target, headers=headers, allow_redirects=False) as response:  # type: ignore[arg-type]
            return response.status, await response.read(), CIMultiDict(response.headers)


async def publish_embargoed(app: App, until: dt.datetime) -> int:
    """A release from chat under embargo until ``until``."""
    release = await app.dispatcher["publishing"].publish_release(
        ORGANISER, "public-embargo", "Joint volunteering plan", "The heads agreed.", until
    )
    return int(release.id)


async def delay(app: App, key: str, minutes: int) -> int:
    """An organiser delays the session ``key`` in chat; returns its id."""
    session = next(s for s in await app.store.programme.sessions() if s.key == key)
    desk = app.dispatcher["programme_desk"]
    await desk.apply(
        ORGANISER, Proposal(Action.DELAY, session.id, session.revision, minutes, later=True)
    )
    return session.id


async def move(app: App, key: str, room: Text) -> int:
    session = next(s for s in await app.store.programme.sessions() if s.key == key)
    desk = app.dispatcher["programme_desk"]
    await desk.apply(ORGANISER, Proposal(Action.ROOM, session.id, session.revision, room=room))
    return session.id


async def cancel(app: App, key: str) -> int:
    session = next(s for s in await app.store.programme.sessions() if s.key == key)
    desk = app.dispatcher["programme_desk"]
    await desk.apply(ORGANISER, Proposal(Action.CANCEL, session.id, session.revision))
    return session.id
