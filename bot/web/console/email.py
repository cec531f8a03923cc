"""The console's email page: the addresses the press office writes to, and an organiser
accrediting a journalist by email alone (the same ``EmailDesk.accredit`` as chat's
/email_accredit). A bad field is a 400 that stores nothing; a known address a 409."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.email.addresses import BadAddressError
from bot.email.service import AddressTakenError, EmailDesk
from bot.email.values import ContactForm
from bot.forms.input import InputRejectedError
from bot.web.console.forms import field, problem_text
from bot.web.context import context_of

DESK = web.AppKey("console_email_desk", EmailDesk)


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


def add_routes(app: web.Application, desk: EmailDesk | None) -> None:
    if desk is None:
        return
    app[DESK] = desk
    app.router.add_get("/app/organiser/email", page)
    app.router.add_post("/app/organiser/email", accredit)
