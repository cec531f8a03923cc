"""The Mini App's «My data» page: the privacy notice and «Send me my data», which sends
the same copy as /mydata to the person's chat."""

from __future__ import annotations

from aiohttp import web

from bot.privacy.notice import notice_sections
from bot.web.context import context_of


async def privacy_page(request: web.Request, *, sent: int | None = None) -> web.Response:
    context, user = context_of(request)
    source = context.services.privacy_notice
    notice = None if source is None else source.notice()
    sections = None
    if source is not None and notice is not None:
        sections = notice_sections(notice, user.language, source.retention_days)
    return context.pages.response(
        "privacy.html",
        user.language,
        title=None if notice is None else notice.title.get(user.language),
        sections=sections,
        sent=sent,
    )


async def show(request: web.Request) -> web.Response:
    return await privacy_page(request)


async def send_copy(request: web.Request) -> web.Response:
    context, user = context_of(request)
    sender = context.services.privacy_copy
    if sender is None:
        raise web.HTTPNotFound()
    copy = await sender(user)
    return await privacy_page(request, sent=sum(copy.counts().values()))


def add_routes(app: web.Application) -> None:
    app.router.add_get("/app/privacy", show)
    app.router.add_post("/app/privacy/copy", send_copy)
