"""The programme: now/next and the days, one day's sessions, one session and following it."""

from __future__ import annotations

import datetime as dt

from aiohttp import web

from bot.web.context import context_of
from bot.web.services import Follow

DAY = r"{day:[0-9]{8}}"
ID = r"{id:[0-9]{1,18}}"
"""At most 18 digits: every id fits SQLite's 64-bit integers; longer ones are 404."""


def parse_day(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        raise web.HTTPNotFound() from None


def day_key(date: dt.date) -> str:
    return date.strftime("%Y%m%d")


async def programme(request: web.Request) -> web.Response:
    """What is on now and next, and the days to open."""
    context, user = context_of(request)
    agenda = context.services.agenda
    return context.pages.response(
        "programme.html",
        user.language,
        r=await context.reader(user),
        now_next=await agenda.now_and_next(),
        days=await agenda.days(),
        day_key=day_key,
    )


async def day(request: web.Request) -> web.Response:
    context, user = context_of(request)
    found = await context.services.agenda.day(parse_day(request.match_info["day"]))
    if found is None:
        raise web.HTTPNotFound()
    chosen, sessions = found
    return context.pages.response(
        "day.html",
        user.language,
        r=await context.reader(user),
        day=chosen,
        sessions=sessions,
        following={s.id for s in await context.services.my_agenda(user)},
    )


async def session(request: web.Request) -> web.Response:
    return await _session_page(request)


async def follow(request: web.Request) -> web.Response:
    """chat's «Remind me», from the session's page."""
    context, user = context_of(request)
    outcome = await context.services.follow(user, int(request.match_info["id"]))
    if outcome is Follow.MISSING:
        raise web.HTTPNotFound()
    return await _session_page(request, note=outcome.value)


async def unfollow(request: web.Request) -> web.Response:
    context, user = context_of(request)
    session_id = int(request.match_info["id"])
    if await context.services.agenda.session(session_id) is None:
        raise web.HTTPNotFound()
    await context.services.unfollow(user, session_id)
    return await _session_page(request, note="forgotten")


async def _session_page(request: web.Request, note: str | None = None) -> web.Response:
    context, user = context_of(request)
    found = await context.services.agenda.session(int(request.match_info["id"]))
    if found is None:
        raise web.HTTPNotFound()
    return context.pages.response(
        "session.html",
        user.language,
        r=await context.reader(user),
        session=found,
        following=await context.services.follows(user, found.id),
        note=note,
        day_key=day_key,
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/app/programme", programme)
    app.router.add_get(f"/app/day/{DAY}", day)
    app.router.add_get(f"/app/session/{ID}", session)
    app.router.add_post(f"/app/session/{ID}/follow", follow)
    app.router.add_post(f"/app/session/{ID}/unfollow", unfollow)
