"""The broadcast composer: audience with its count, text, preview, send, progress, report.

Sending is ``BroadcastService.start`` (the broadcast and every recipient's message in one
transaction), the call chat's composer makes; the preview hands a fresh draft token to the
«Send» form, so a double tap starts one broadcast, and its «Edit» posts the same values
back to the composer. Progress is polled by ``app.js`` from the fragment at ``…/progress``
every few seconds until the report is final; while it is sending the fragment holds
«Cancel sending», which is ``BroadcastService.cancel``, chat's «Cancel» too.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from aiogram.utils.i18n import ngettext
from aiohttp import web

from bot.broadcasts.service import Draft, Report
from bot.broadcasts.values import Audience, AudienceKind, BroadcastState
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
        choice.problem = _problem_text(context, user, error)
    return choice


async def compose(request: web.Request) -> web.Response:
    return await _compose_page(request, {"kind": AudienceKind.EVERYONE.value, "text": ""})


async def edit(request: web.Request) -> web.Response:
    """The composer again with what the preview showed: audience, delegation or session,
    text. Nothing is checked but the audience's kind: the next preview checks the rest."""
    names = ("kind", "delegation", "session", "text")
    values = {name: await field(request, name) for name in names}
    if values["kind"] not in {kind.value for kind in AudienceKind}:
        raise web.HTTPBadRequest()
    return await _compose_page(request, values)


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


async def cancel(request: web.Request) -> web.Response:
    """Stop what is not yet sent. A broadcast no longer sending (every message dealt with,
    finished or cancelled) is a 409 that changes nothing; an unknown id a 404."""
    _context, user, services = console_of(request)
    broadcast_id = int(request.match_info["id"])
    report = await services.broadcast_report(user, broadcast_id)
    if report is None:
        raise web.HTTPNotFound()
    cancelled = await services.broadcasts.cancel(user, broadcast_id) if running(report) else None
    if cancelled is None:
        return await _not_running(request, broadcast_id)
    # Started in chat: its progress message there shows the end, as chat's «Cancel» does.
    await services.broadcast_progress.show(cancelled)
    return await _progress_page(request, broadcast_id, "console_progress.html", cancelled_now=True)


def running(report: Report) -> bool:
    """Still sending and something left to stop (the loop marks a finished one done)."""
    return report.broadcast.state is BroadcastState.SENDING and not report.finished


async def _not_running(request: web.Request, broadcast_id: int) -> web.Response:
    _context, user, services = console_of(request)
    report = await services.broadcast_report(user, broadcast_id)
    cancelled = report is not None and report.broadcast.state is BroadcastState.CANCELLED
    return await _progress_page(
        request,
        broadcast_id,
        "console_progress.html",
        status=409,
        problem="broadcast_cancelled_already" if cancelled else "broadcast_finished_already",
    )


async def _progress_page(
    request: web.Request,
    broadcast_id: int,
    template: str,
    *,
    status: int = 200,
    cancelled_now: bool = False,
    problem: str | None = None,
) -> web.Response:
    """The report as it stands; ``cancelled_now`` and ``problem`` say a text above it."""
    context, user, services = console_of(request)
    report = await services.broadcast_report(user, broadcast_id)
    if report is None:
        raise web.HTTPNotFound()
    return context.pages.response(
        template,
        user.language,
        status=status,
        r=await context.reader(user),
        report=report,
        shown=shown(report.broadcast.text),
        running=running(report),
        notice=_cancelled_text(report.progress.cancelled) if cancelled_now else None,
        problem=_text(context, user, problem) if problem else None,
    )


def _cancelled_text(count: int) -> str:
    return ngettext(
        "Cancelled: {count} message will not be sent.",
        "Cancelled: {count} messages will not be sent.",
        count,
    ).format(count=count)


def _problem_text(context: WebContext, user: User, error: AnnouncementError) -> str:
    if error.problem == "announcement_too_long":
        length = int(error.detail)
        return ngettext(
            "The announcement is {count} character long; the limit is {limit}. Nothing was sent.",
            "The announcement is {count} characters long; the limit is {limit}. Nothing was sent.",
            length,
        ).format(count=length, limit=limits.ANNOUNCEMENT)
    return _text(context, user, error.problem, found=error.detail)


def _text(context: WebContext, user: User, key: str, **values: Any) -> str:
    return context.pages.texts(user.language)[key].format(**values)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/app/organiser/broadcast", compose)
    app.router.add_post("/app/organiser/broadcast/edit", edit)
    app.router.add_post("/app/organiser/broadcast/preview", preview)
    app.router.add_post("/app/organiser/broadcast/send", send)
    app.router.add_get(f"/app/organiser/broadcast/{ID}", progress_page)
    app.router.add_get(f"/app/organiser/broadcast/{ID}/progress", progress_fragment)
    app.router.add_post(f"/app/organiser/broadcast/{ID}/cancel", cancel)
