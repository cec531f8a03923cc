"""Calendar feeds over HTTP: ``/cal/programme.ics`` for anyone, ``/cal/<token>.ics`` per user.

Calendar apps poll these; an unchanged feed answers 304 to ``If-None-Match`` (or, without
it, ``If-Modified-Since``), so a poll costs a few bytes.
"""

from __future__ import annotations

from aiohttp import web

from bot.calendar_feeds.service import Feed
from bot.i18n.catalogues import SUPPORTED
from bot.web.context import WEB

TOKEN = r"{token:[A-Za-z0-9_-]{43}}"


async def programme_feed(request: web.Request) -> web.Response:
    context = request.app[WEB]
    language = request.query.get("lang", "")
    if language not in SUPPORTED:
        language = context.settings.default_language
    feed = await context.services.feeds.programme(language)
    return calendar_response(request, feed, "programme.ics", private=False)


async def personal_feed(request: web.Request) -> web.Response:
    feed = await request.app[WEB].services.feeds.personal(request.match_info["token"])
    if feed is None:
        raise web.HTTPNotFound(text="No such calendar link: it may have been revoked.")
    return calendar_response(request, feed, "my-agenda.ics", private=True)


def calendar_response(
    request: web.Request, feed: Feed, filename: str, *, private: bool
) -> web.Response:
    headers = {
        "ETag": feed.etag,
        "Cache-Control": "private, no-cache" if private else "public, max-age=300",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    response = web.Response(headers=headers)
    response.last_modified = feed.last_modified
    if not_modified(request, feed):
        response.set_status(304)
        return response
    response.body = feed.body
    response.content_type = "text/calendar"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def not_modified(request: web.Request, feed: Feed) -> bool:
    """RFC 9110: If-None-Match decides when present; If-Modified-Since only without it."""
    tags = request.if_none_match
    if tags is not None:
        return any(tag.value in ("*", feed.etag.strip('"')) for tag in tags)
    since = request.if_modified_since
    return since is not None and feed.last_modified <= since


def add_routes(app: web.Application) -> None:
    app.router.add_get("/cal/programme.ics", programme_feed)
    app.router.add_get(f"/cal/{TOKEN}.ics", personal_feed)
