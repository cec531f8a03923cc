"""The public edition over HTTP: ``/ru/…`` and ``/en/…``, no login, HTML only.

Every answer carries an ETag (a hash of the page), so a reader on a slow link who
reloads an unchanged page gets a 304 of a few bytes; pages say ``no-cache``, so a
browser always asks, and a live change (a delay, a lifted embargo) shows on the next
load. Pages are gzip-compressed, and their Content-Security-Policy lets the browser load
nothing at all beyond the page: no script, no font, no other host.
"""

from __future__ import annotations

import hashlib

from aiohttp import hdrs, web
from aiohttp.web_response import ContentCoding

from bot.web.feeds import calendar_response
from bot.web.public.edition import KEYED, LANGUAGE, SINGLE, PublicEdition
from bot.web.public.printed import ProgrammePrinter

PUBLIC_EDITION = web.AppKey("public_edition", PublicEdition)
PRINTER = web.AppKey("programme_printer", ProgrammePrinter)
HEADERS = {
    "Cache-Control": "no-cache",
    "Vary": "Accept-Encoding",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
        " form-action 'none';"
        " frame-ancestors 'none'"
    ),
}
ROOT = "/{language:" + LANGUAGE + "}"


def html_response(request: web.Request, body: str, status: int = 200) -> web.Response:
    """The page, or 304 when the reader holds it already; compressed when accepted."""
    data = body.encode("utf-8")
    tag = hashlib.sha256(data).hexdigest()[:32]
    headers = {**HEADERS, "ETag": f'W/"{tag}"'}
    held = request.if_none_match
    if status == 200 and held is not None and any(e.value in ("*", tag) for e in held):
        return web.Response(status=304, headers=headers)
    response = web.Response(
        body=data, status=status, content_type="text/html", charset="utf-8", headers=headers
    )
    # gzip where the reader accepts it (every browser does): aiohttp would pick deflate.
    accepted = request.headers.get(hdrs.ACCEPT_ENCODING, "").lower()
    response.enable_compression(ContentCoding.gzip if "gzip" in accepted else None)
    return response


async def page(request: web.Request) -> web.Response:
    edition = request.app[PUBLIC_EDITION]
    body = await edition.page(request.path[1:])
    if body is None:
        return await not_found(request)
    return html_response(request, body)


async def not_found(request: web.Request) -> web.Response:
    language = request.match_info.get("language", "")
    edition = request.app[PUBLIC_EDITION]
    body = await edition.not_found(language if language in ("ru", "en") else "ru")
    return html_response(request, body, status=404)


async def calendar(request: web.Request) -> web.Response:
    feeds = request.app[PUBLIC_EDITION].sources.feeds
    feed = await feeds.programme(request.match_info["language"])
    return calendar_response(request, feed, "programme.ics", private=False)


async def programme_pdf(request: web.Request) -> web.Response:
    language = request.match_info["language"]
    document = await request.app[PRINTER].pdf(language)
    return web.Response(
        body=document,
        content_type="application/pdf",
        headers={
            "Cache-Control": "no-cache",
            "X-Content-Type-Options": "nosniff",
            "Content-Disposition": f'inline; filename="programme-{language}.pdf"',
        },
    )


def printable(request: web.Request, language: str) -> tuple[str, str] | None:
    """The printed programme's link and label for the organisers' console, or None while
    the public edition (which serves it) is off."""
    edition = request.app.get(PUBLIC_EDITION)
    if edition is None:
        return None
    return f"/{language}/programme.pdf", edition.texts(language)["pdf"]


def add_routes(
    app: web.Application, edition: PublicEdition, printer: ProgrammePrinter, default: str
) -> None:
    app[PUBLIC_EDITION] = edition
    app[PRINTER] = printer

    async def to_home(request: web.Request) -> web.Response:
        language = request.match_info.get("language", default)
        raise web.HTTPFound(f"/{language}/")

    app.router.add_get("/", to_home)
    app.router.add_get(ROOT, to_home)
    app.router.add_get(ROOT + "/", page)
    app.router.add_get(ROOT + "/{kind:" + "|".join(SINGLE) + "}", page)
    for kind, key in KEYED.items():
        app.router.add_get(f"{ROOT}/{kind}/{{key:{key}}}", page)
    app.router.add_get(ROOT + "/programme.ics", calendar)
    app.router.add_get(ROOT + "/programme.pdf", programme_pdf)
    app.router.add_get(ROOT + "/{tail:.*}", not_found)
