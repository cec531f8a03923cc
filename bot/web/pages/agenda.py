"""«My agenda»: the sessions the user follows, and their private calendar link."""

from __future__ import annotations

from aiohttp import web

from bot.users.values import User
from bot.web.context import WEB, WebContext, context_of
from bot.web.pages.programme import day_key


def feed_urls(request: web.Request, path: str) -> tuple[str, str]:
    """``(webcal://…, https://…)`` of a feed: calendar apps subscribe to the first."""
    base = request.app[WEB].settings.web_public_url or str(request.url.origin())
    url = f"{base}{path}"
    return "webcal://" + url.split("://", 1)[1], url


async def agenda(request: web.Request) -> web.Response:
    context, user = context_of(request)
    sessions = await context.services.my_agenda(user)
    return context.pages.response(
        "agenda.html",
        user.language,
        r=await context.reader(user),
        sessions=sessions,
        lead=await context.services.lead_minutes(user),
        day_key=day_key,
    )


async def calendar(request: web.Request) -> web.Response:
    return await _calendar_page(request)


async def new_link(request: web.Request) -> web.Response:
    """A new secret link, shown once; the previous one stops working."""
    context, user = context_of(request)
    token = await context.services.feeds.issue(user)
    return await _calendar_page(request, token=token)


async def revoke_link(request: web.Request) -> web.Response:
    context, user = context_of(request)
    await context.services.feeds.revoke(user)
    return await _calendar_page(request, revoked=True)


async def _calendar_page(
    request: web.Request, *, token: str | None = None, revoked: bool = False
) -> web.Response:
    context, user = context_of(request)
    return context.pages.response(
        "calendar.html",
        user.language,
        r=await context.reader(user),
        issued_at=await _issued_at(context, user),
        link=None if token is None else feed_urls(request, f"/cal/{token}.ics"),
        token=token,
        revoked=revoked,
        programme=feed_urls(request, f"/cal/programme.ics?lang={user.language}"),
    )


async def _issued_at(context: WebContext, user: User) -> str | None:
    issued = await context.services.feeds.issued_at(user)
    return None if issued is None else (await context.reader(user)).local_day(issued)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/app/agenda", agenda)
    app.router.add_get("/app/calendar", calendar)
    app.router.add_post("/app/calendar/link", new_link)
    app.router.add_post("/app/calendar/revoke", revoke_link)
