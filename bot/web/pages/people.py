"""Delegations: who takes part, and one delegation with its members."""

from __future__ import annotations

from aiohttp import web

from bot.web.context import context_of
from bot.web.pages.programme import ID


async def delegations(request: web.Request) -> web.Response:
    context, user = context_of(request)
    return context.pages.response(
        "delegations.html",
        user.language,
        r=await context.reader(user),
        participants=await context.services.participants(),
    )


async def delegation(request: web.Request) -> web.Response:
    context, user = context_of(request)
    found = await context.services.delegation(int(request.match_info["id"]))
    if found is None:
        raise web.HTTPNotFound()
    return context.pages.response(
        "delegation.html", user.language, r=await context.reader(user), delegation=found
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/app/delegations", delegations)
    app.router.add_get(f"/app/delegation/{ID}", delegation)
