"""The press queue and the accreditation applications, through the press services.

Taking, answering, declining, approving and rejecting are the calls chat's /queue and
/applications make, so the journalist gets the very same notice; a refusal the service
gives (closed, taken, decided) is a 409 that changes nothing.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.forms.input import ANSWER, REASON, InputRejectedError
from bot.press.accreditation import DecideOutcome
from bot.press.quote_requests import Outcome
from bot.press.values import QuoteRequest, RequestStatus, TargetKind
from bot.users.values import User
from bot.web.console.forms import checked, cleaned, problem_text
from bot.web.console.services import CONSOLE, ConsoleServices
from bot.web.context import WebContext, context_of
from bot.web.pages.programme import ID

REFUSALS = {
    Outcome.CLOSED: "request_closed",
    Outcome.TAKEN: "request_taken",
    Outcome.NOT_FOR_BANK: "request_not_for_bank",
}


def console_of(request: web.Request) -> tuple[WebContext, User, ConsoleServices]:
    context, user = context_of(request)
    return context, user, request.app[CONSOLE]


def deadline_flag(services: ConsoleServices, request: QuoteRequest) -> str | None:
    """«overdue», «due soon» or nothing: the marks chat's queue puts beside a request."""
    if not request.status.open:
        return None
    if request.deadline <= services.quote_requests.now():
        return "overdue"
    return "due_soon" if services.quote_requests.near_deadline(request) else None


async def queue(request: web.Request) -> web.Response:
    """Open quote requests and waiting applications, oldest first."""
    context, user, services = console_of(request)
    requests = await services.quote_requests.queue(user)
    return context.pages.response(
        "console_press.html",
        user.language,
        r=await context.reader(user),
        requests=requests,
        flags={item.id: deadline_flag(services, item) for item in requests},
        applications=await services.accreditation.pending(user),
    )


async def quote_request(request: web.Request) -> web.Response:
    return await _request_page(request)


async def _request_page(
    request: web.Request, *, status: int = 200, note: str | None = None, **form: Any
) -> web.Response:
    context, user, services = console_of(request)
    found = await services.quote_requests.for_organiser(user, int(request.match_info["id"]))
    if found is None:
        raise web.HTTPNotFound()
    return context.pages.response(
        "console_request.html",
        user.language,
        status=status,
        r=await context.reader(user),
        item=found,
        flag=deadline_flag(services, found),
        may_bank=found.target_kind is TargetKind.PERSON,
        is_new=found.status is RequestStatus.NEW,
        note=note,
        form=form,
    )


async def _after(request: web.Request, outcome: Outcome, done: str) -> web.Response:
    if outcome is Outcome.UNKNOWN:
        raise web.HTTPNotFound()
    if outcome is not Outcome.DONE:
        return await _request_page(request, status=409, note=REFUSALS[outcome])
    return await _request_page(request, note=done)


async def take(request: web.Request) -> web.Response:
    _context, user, services = console_of(request)
    outcome = await services.quote_requests.take(user, int(request.match_info["id"]))
    return await _after(request, outcome, "request_taken_by_you")


async def answer(request: web.Request) -> web.Response:
    context, user, services = console_of(request)
    request_id = int(request.match_info["id"])
    await _known_request(services, user, request_id)
    try:
        text = await cleaned(request, "text", ANSWER)
    except InputRejectedError as error:
        problem = problem_text(context.pages.texts(user.language), error)
        return await _request_page(request, status=400, problem=problem)
    to_bank = await checked(request, "bank")
    outcome = await services.quote_requests.answer(user, request_id, text, to_bank=to_bank)
    return await _after(request, outcome, "request_answered")


async def decline(request: web.Request) -> web.Response:
    context, user, services = console_of(request)
    request_id = int(request.match_info["id"])
    await _known_request(services, user, request_id)
    try:
        reason = await cleaned(request, "reason", REASON)
    except InputRejectedError as error:
        problem = problem_text(context.pages.texts(user.language), error)
        return await _request_page(request, status=400, reason_problem=problem)
    outcome = await services.quote_requests.decline(user, request_id, reason)
    return await _after(request, outcome, "request_declined")


async def _known_request(services: ConsoleServices, user: User, request_id: int) -> None:
    """An unknown id is a 404 before its form is even read (organisers only: 403 first)."""
    if await services.quote_requests.for_organiser(user, request_id) is None:
        raise web.HTTPNotFound()


async def application(request: web.Request) -> web.Response:
    context, user, services = console_of(request)
    application_id = int(request.match_info["id"])
    pending = await services.accreditation.pending(user)
    found = next((item for item in pending if item.id == application_id), None)
    if found is None:
        raise web.HTTPNotFound()
    return context.pages.response(
        "console_application.html", user.language, r=await context.reader(user), item=found
    )


async def approve(request: web.Request) -> web.Response:
    return await _decide(request, approve=True)


async def reject(request: web.Request) -> web.Response:
    return await _decide(request, approve=False)


async def _decide(request: web.Request, *, approve: bool) -> web.Response:
    context, user, services = console_of(request)
    outcome, found = await services.accreditation.decide(
        user, int(request.match_info["id"]), approve
    )
    if found is None:
        raise web.HTTPNotFound()
    note = "application_approved" if approve else "application_rejected"
    status = 200
    if outcome is DecideOutcome.ALREADY_DECIDED:
        note, status = "application_decided", 409
    return context.pages.response(
        "console_decided.html",
        user.language,
        status=status,
        r=await context.reader(user),
        item=found,
        note=note,
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get("/app/organiser/press", queue)
    app.router.add_get(f"/app/organiser/request/{ID}", quote_request)
    app.router.add_post(f"/app/organiser/request/{ID}/take", take)
    app.router.add_post(f"/app/organiser/request/{ID}/answer", answer)
    app.router.add_post(f"/app/organiser/request/{ID}/decline", decline)
    app.router.add_get(f"/app/organiser/application/{ID}", application)
    app.router.add_post(f"/app/organiser/application/{ID}/approve", approve)
    app.router.add_post(f"/app/organiser/application/{ID}/reject", reject)
