"""The console's email page: the addresses the press office writes to, and an organiser
accrediting a journalist by email alone (the same ``EmailDesk.accredit`` as chat's
/email_accredit), and erasing one on their request (``PrivacyService.erase_contact``, as
chat's /email_forget). A bad field is a 400 that stores nothing; a known address a 409."""

from __future__ import annotations

import datetime as dt
from typing import Any

from aiohttp import web

from bot.email.addresses import BadAddressError
from bot.email.service import AddressTakenError, EmailDesk
from bot.email.values import ContactForm
from bot.forms.input import QUESTION, InputRejectedError
from bot.press.quote_requests import QuoteRequestService
from bot.press.values import TargetKind
from bot.privacy.service import PrivacyService
from bot.web.console.forms import cleaned, field, problem_text
from bot.web.context import context_of
from bot.web.pages.programme import ID

DESK = web.AppKey("console_email_desk", EmailDesk)
REQUESTS = web.AppKey("console_email_requests", QuoteRequestService)
PRIVACY = web.AppKey("console_email_privacy", PrivacyService)
DEADLINE_HOURS = ("6", "24", "48")


async def page(request: web.Request) -> web.Response:
    return await _page(request)


async def _page(
    request: web.Request, *, status: int = 200, note: str | None = None, **form: Any
) -> web.Response:
    context, user = context_of(request)
    desk = request.app[DESK]
    contacts = await desk.contacts(user)
    return context.pages.response(
        "console_email.html",
        user.language,
        status=status,
        r=await context.reader(user),
        enabled=desk.enabled,
        contacts=contacts,
        hours=DEADLINE_HOURS,
        erasable=PRIVACY in request.app,
        note=note,
        form=form,
    )


async def accredit(request: web.Request) -> web.Response:
    context, user = context_of(request)
    desk = request.app[DESK]
    await desk.contacts(user)  # organisers only: a 403 before the form is read
    if not desk.enabled:
        return await _page(request, status=409)
    typed = {name: await field(request, name) for name in ("name", "outlet", "address")}
    language = await field(request, "language")
    form = ContactForm(typed["name"], typed["outlet"], typed["address"], language)
    t = context.pages.texts(user.language)
    try:
        await desk.accredit(user, form)
    except InputRejectedError as error:
        return await _page(request, status=400, problem=problem_text(t, error), **typed)
    except BadAddressError:
        return await _page(request, status=400, problem=t["email_bad_address"], **typed)
    except AddressTakenError:
        return await _page(request, status=409, problem=t["email_taken"], **typed)
    except ValueError:
        return await _page(request, status=400, problem=t["email_bad_language"], **typed)
    return await _page(request, note="email_accredited")


async def file_request(request: web.Request) -> web.Response:
    """A question a journalist sent by email, filed for them to the organisers: it joins
    the press queue, and its answer goes back to their address."""
    context, user = context_of(request)
    desk = request.app[DESK]
    contact_id = int(request.match_info["id"])
    if contact_id not in {c.id for c in await desk.contacts(user)}:
        raise web.HTTPNotFound()
    t = context.pages.texts(user.language)
    hours = await field(request, "hours")
    try:
        question = await cleaned(request, "question", QUESTION)
    except InputRejectedError as error:
        return await _page(request, status=400, problem=problem_text(t, error))
    if hours not in DEADLINE_HOURS:
        return await _page(request, status=400, problem=t["email_bad_deadline"])
    target = await request.app[REQUESTS].target(TargetKind.ORGANISERS, None)
    assert target is not None
    deadline = desk.now() + dt.timedelta(hours=int(hours))
    await desk.file_request(user, contact_id, target, question, deadline)
    return await _page(request, note="email_request_filed")


async def forget(request: web.Request) -> web.Response:
    """A journalist known by email alone erased on their request: organisers only (the
    service checks), one with Telegram refused (they use /forget)."""
    _, user = context_of(request)
    try:
        await request.app[PRIVACY].erase_contact(user, int(request.match_info["id"]))
    except LookupError:
        raise web.HTTPNotFound() from None
    except ValueError:
        return await _page(request, status=409, note="email_uses_telegram")
    return await _page(request, note="email_erased")


def add_routes(
    app: web.Application,
    desk: EmailDesk | None,
    requests: QuoteRequestService | None,
    privacy: PrivacyService | None = None,
) -> None:
    if desk is None or requests is None:
        return
    app[DESK] = desk
    app[REQUESTS] = requests
    if privacy is not None:
        app[PRIVACY] = privacy
        app.router.add_post(f"/app/organiser/email/{ID}/forget", forget)
    app.router.add_get("/app/organiser/email", page)
    app.router.add_post("/app/organiser/email", accredit)
    app.router.add_post(f"/app/organiser/email/{ID}/request", file_request)
