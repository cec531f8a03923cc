"""Every Mini App request is signed by Telegram, maps to a user, and stays within bounds.

The page sends Telegram's ``initData`` in a header with each request (no cookies, so no
cross-site request can act for anyone). Missing, forged or expired → 401; a service
refusing the user's role → 403; an unknown id → 404; a form body that is unbounded or
too large → 411/413, before any handler runs, so nothing is changed.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.users.access import NotAllowedError
from bot.web.context import USER, WEB, WebContext
from bot.web.init_data import ExpiredError, InitDataError, validate

log = logging.getLogger(__name__)

INIT_DATA_HEADER = "X-Telegram-Init-Data"
MAX_FORM_BYTES = 2048
"""The Mini App's forms carry ids in the URL and at most a field or two in the body."""
MAX_ANNOUNCEMENT_BYTES = 64 * 1024
"""The console's broadcast composer: an announcement of chat's length, URL-encoded
(a Cyrillic letter takes six bytes), with its markup."""
ANNOUNCEMENT_FORMS = "/app/organiser/broadcast/"
PREFIX = "/app/"
PUBLIC = ("/app/", "/app/static/")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def needs_sign_in(path: str) -> bool:
    """Every page under /app/ but the empty shell and its static files."""
    return path.startswith(PREFIX) and path != PUBLIC[0] and not path.startswith(PUBLIC[1])


@web.middleware
async def mini_app_auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not needs_sign_in(request.path):
        return await handler(request)
    context = request.app[WEB]
    try:
        login = validate(
            request.headers.get(INIT_DATA_HEADER, ""),
            context.bot_token,
            context.clock.now(),
            context.init_data_max_age,
        )
    except InitDataError as error:
        log.info("Mini App request refused: %s", error)  # the data itself is never logged
        return _unsigned(context, "expired" if isinstance(error, ExpiredError) else "from_telegram")
    user = await context.services.users.seen(
        login.id, login.first_name, login.username, login.language_code
    )
    refused = await _body_refusal(request)
    if refused is not None:
        return _error(context, user.language, refused, "bad_request")
    request[USER] = user
    try:
        with context.pages.texts.scope(user.language):  # ngettext answers in the user's language
            return await handler(request)
    except NotAllowedError:
        return _error(context, user.language, 403, "forbidden")
    except web.HTTPNotFound:
        return _error(context, user.language, 404, "not_found")


async def _body_refusal(request: web.Request) -> int | None:
    """411 for a POST of unknown length, 413 past the bound; else the body is read."""
    if request.method != "POST":
        return None
    if request.content_length is None:
        return web.HTTPLengthRequired.status_code
    bound = (
        MAX_ANNOUNCEMENT_BYTES if request.path.startswith(ANNOUNCEMENT_FORMS) else MAX_FORM_BYTES
    )
    if request.content_length > bound:
        return web.HTTPRequestEntityTooLarge.status_code
    await request.read()
    return None


def _unsigned(context: WebContext, key: str) -> web.Response:
    """401 in both languages: who is asking is not known."""
    messages = [context.pages.texts(language)[key] for language in ("ru", "en")]
    return context.pages.response("error.html", "en", status=401, messages=messages)


def _error(context: WebContext, language: str, status: int, key: str) -> web.Response:
    message = context.pages.texts(language)[key]
    return context.pages.response("error.html", language, status=status, messages=[message])
