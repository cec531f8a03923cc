"""The broadcast composer: audience with its count, text, preview, send, progress, report.

Sending is ``BroadcastService.start`` (the broadcast and every recipient's message in one
transaction), the call chat's composer makes; the preview hands a fresh draft token to the
«Send» form, so a double tap starts one broadcast. Progress is polled by ``app.js`` from
the fragment at ``…/progress`` every few seconds until the report is final.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from aiohttp import web

from bot.broadcasts.service import Draft
from bot.broadcasts.values import Audience, AudienceKind
from bot.telegram import limits
from bot.users.values import User
from bot.web.console.announcement import (
    Announcement,
    AnnouncementError,
    check_announcement,
    shown,
)
from bot.web.console.forms import field
from bot.web.console.press import console_of
from bot.web.context import WebContext
from bot.web.pages.programme import ID

REFERRED = {AudienceKind.DELEGATION: "delegation", AudienceKind.SESSION: "session"}
"""The audiences that name one delegation or session, and the form field holding its id."""
DIGITS = re.compile(r"^[0-9]{1,18}$")
TOKEN = re.compile(r"^[0-9a-f]{32}$")


class Choice:
    """What the composer's form says, checked: the audience, the announcement, the raw
    values to show the form again with."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.audience: Audience | None = None
        self.announcement: Announcement | None = None
        self.problem: str | None = None


async def _choice(request: web.Request) -> Choice:
    context, user, services = console_of(request)
    names = ("kind", "delegation", "session", "text", "token")
    choice = Choice({name: await field(request, name) for name in names})
    try:
        kind = AudienceKind(choice.values["kind"])
    except ValueError:
        raise web.HTTPBadRequest() from None
    ref = 0
    if kind in REFERRED:
        raw = choice.values[REFERRED[kind]]
        if not DIGITS.match(raw):
            raise web.HTTPNotFound()
        ref = int(raw)
    choice.audience = await services.broadcasts.audience(kind, ref)
    if choice.audience is None:
        raise web.HTTPNotFound()
    try:
        choice.announcement = check_announcement(choice.values["text"])
    except AnnouncementError as error:
        choice.problem = _text(
            context, user, error.problem, found=error.detail, limit=limits.ANNOUNCEMENT
        )
    return choice


async def compose(request: web.Request) -> web.Response:
    return await _compose_page(request, {"kind": AudienceKind.EVERYONE.value, "text": ""})


async def _compose_page(
    request: web.Request, values: dict[str, str], *, status: int = 200, problem: str | None = None
) -> web.Response:
    context, user, services = console_of(request)
    return context.pages.response(
        "console_broadcast.html",
        user.language,
        status=status,
        r=await context.reader(user),
        values=values,
        problem=problem,
        kinds=list(AudienceKind),
        delegations=(await context.services.participants()).ordered(),
        sessions=await context.services.agenda.programme(),
        recent=await services.broadcasts.recent(user, 5),
    )


async def preview(request: web.Request) -> web.Response:
    """The announcement as recipients will read it, and how many they are now."""
    context, user, services = console_of(request)
    choice = await _choice(request)
    if choice.problem is not None or choice.audience is None:
        return await _compose_page(request, choice.values, status=400, problem=choice.problem)
    return context.pages.response(
        "console_preview.html",
        user.language,
        r=await context.reader(user),
        values=choice.values,
        audience=choice.audience,
        count=await services.broadcasts.audience_size(user, choice.audience),
        token=uuid.uuid4().hex,
        shown=shown(choice.announcement.html if choice.announcement else ""),
    )


async def send(request: web.Request) -> web.Response:
    """One broadcast per previewed draft: a repeated «Send» is a 409 that sends nothing."""
    context, user, services = console_of(request)
    choice = await _choice(request)
    token = choice.values["token"]
    if not TOKEN.match(token):
        raise web.HTTPBadRequest()
    if choice.problem is not None or choice.audience is None or choice.announcement is None:
        return await _compose_page(request, choice.values, status=400, problem=choice.problem)
    draft = Draft(token=token, text=choice.announcement.html)
    broadcast = await services.broadcasts.start(user, draft, choice.audience, None)
    if broadcast is None:
        return await _compose_page(
            request, choice.values, status=409, problem=_text(context, user, "broadcast_sent")
        )
    return await _progress_page(request, broadcast.id, "console_progress.html")


async def progress_page(request: web.Request) -> web.Response:
    return await _progress_page(request, int(request.match_info["id"]), "console_progress.html")


async def progress_fragment(request: web.Request) -> web.Response:
    """Only the progress block: what ``app.js`` polls."""
    return await _progress_page(request, int(request.match_info["id"]), "_progress.html")


async def _progress_page(request: web.Request, broadcast_id: int, template: str) -> web.Response:
    context, user, services = console_of(request)
    report = await services.broadcast_report(user, broadcast_id)
    if report is None:
        raise web.HTTPNotFound()
    return context.pages.response(
        template,
        user.language,
        r=await context.reader(user),
        report=report,
        shown=shown(report.broadcast.text),
    )


def _text(context: WebContext, user: User, key: str, **values: Any) -> str:
    return context.pages.texts(user.language)[key].format(**values)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/app/organiser/broadcast", compose)
    app.router.add_post("/app/organiser/broadcast/preview", preview)
    app.router.add_post("/app/organiser/broadcast/send", send)
    app.router.add_get(f"/app/organiser/broadcast/{ID}", progress_page)
    app.router.add_get(f"/app/organiser/broadcast/{ID}/progress", progress_fragment)
