"""Daily summaries and press releases as each reader may see them, and the organisers' desk.

Releases come from the press service, which hides embargoed ones from anyone not
accredited; the desk asks services that refuse anyone but an organiser (→ 403).
"""

from __future__ import annotations

from aiohttp import web

from bot.web.context import context_of
from bot.web.pages.programme import DAY, ID, day_key, parse_day


async def press(request: web.Request) -> web.Response:
    context, user = context_of(request)
    return context.pages.response(
        "press.html",
        user.language,
        r=await context.reader(user),
        summary_days=await context.services.summary_days(),
        releases=await context.services.releases(user),
        day_key=day_key,
    )


async def summary(request: web.Request) -> web.Response:
    context, user = context_of(request)
    found = await context.services.summary(parse_day(request.match_info["day"]))
    if found is None:
        raise web.HTTPNotFound()
    return context.pages.response(
        "summary.html", user.language, r=await context.reader(user), summary=found
    )


async def release(request: web.Request) -> web.Response:
    context, user = context_of(request)
    found = await context.services.release(user, int(request.match_info["id"]))
    if found is None:
        raise web.HTTPNotFound()
    return context.pages.response(
        "release.html", user.language, r=await context.reader(user), release=found
    )


async def organiser_desk(request: web.Request) -> web.Response:
    context, user = context_of(request)
    queue = await context.services.press_queue(user)
    return context.pages.response(
        "organiser.html", user.language, r=await context.reader(user), queue=queue
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/app/press", press)
    app.router.add_get(f"/app/summary/{DAY}", summary)
    app.router.add_get(f"/app/release/{ID}", release)
    app.router.add_get("/app/organiser", organiser_desk)
