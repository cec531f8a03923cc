"""Preview, apply, discard and undo a programme change: ``ProgrammeDesk``'s calls, chat's.

The preview is ``ProgrammeDesk.preview`` (what changes, who is told, with the counts) and
keeps the proposal under a one-time token (``drafts``); «Apply» is ``ProgrammeDesk.apply``
with the proposal that token names, once: the same writes, audit entry and coalesced
notice as chat's «✅ Confirm». «↩ Undo» is ``ProgrammeDesk.undo``. Every refusal is a page
naming it, with nothing changed: 400 bad input, 404 gone, 409 stale or clashing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from aiohttp import web

from bot.forms.input import InputRejectedError
from bot.i18n.durations import duration
from bot.programme.values import Action, Applied, ChangeRejectedError, Proposal, Undone
from bot.users.access import require_organiser
from bot.web.console.forms import field, problem_text
from bot.web.console.press import console_of
from bot.web.console.programme.drafts import TOKEN, Draft
from bot.web.console.programme.proposal import proposal_of
from bot.web.console.programme.views import (
    ChangeView,
    audience,
    change_view,
    problem,
    status_of,
)
from bot.web.pages.programme import ID

UNDO_REFUSALS = {
    Undone.TOO_LATE: "pg_too_late",
    Undone.CHANGED_SINCE: "pg_changed_since",
    Undone.ALREADY: "pg_already_undone",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """The page after a POST: what happened (or why not), and where to go on from it."""

    status: int
    lines: tuple[str, ...]
    heading: str = ""
    change: ChangeView | None = None
    undo: int | None = None
    """The change «↩ Undo» takes back, while it still can."""
    proposal: Proposal | None = None
    later: int = 0
    """A refused delay: how many later sessions could move with it (offered)."""
    session: int | None = None
    """The session to go back to; None: the proposal's (when it names one in the programme)."""
    restore: int = 0
    """A session just cancelled: offered back."""


async def preview(request: web.Request) -> web.Response:
    """What the change would do and who would be told; «Apply» gets a fresh token."""
    context, user, services = console_of(request)
    require_organiser(user)  # 403 before the form is read
    desk, t = services.programme_desk, context.pages.texts(user.language)
    try:
        proposal = await proposal_of(request, desk, user, context.services.agenda)
    except InputRejectedError as error:
        return await _page(request, Outcome(400, (problem_text(t, error), t["pg_nothing_changed"])))
    except ChangeRejectedError as error:
        return await _refused(request, error, None)
    try:
        shown = await desk.preview(user, proposal)
    except ChangeRejectedError as error:
        return await _refused(request, error, proposal)
    r = await context.reader(user)
    token = services.programme_drafts.keep(user.id, proposal, context.clock.now())
    return context.pages.response(
        "console_programme_preview.html",
        user.language,
        r=r,
        proposal=proposal,
        change=change_view(t, r, shown.edits),
        audience=audience(t, shown),
        tells=shown.tells,
        quiet=duration(context.settings.changes_quiet_minutes * 60),
        later=shown.later if proposal.action is Action.DELAY else 0,
        token=token,
    )


async def apply(request: web.Request) -> web.Response:
    """The previewed change, once per token: a second «Apply» is a 409 changing nothing."""
    context, user, services = console_of(request)
    token, draft = await _drafted(request)
    if draft is None:
        t = context.pages.texts(user.language)
        return await _page(request, Outcome(409, (t["pg_stale_token"],)))
    try:
        applied = await services.programme_desk.apply(user, draft.proposal)
    except ChangeRejectedError as error:
        return await _refused(request, error, draft.proposal)
    except Exception:
        services.programme_drafts.give_back(token, draft)  # rolled back: may be tried again
        raise
    return await _applied(request, applied)


async def discard(request: web.Request) -> web.Response:
    """«Discard»: the token is spent, nothing changes."""
    context, user, _services = console_of(request)
    _token, draft = await _drafted(request)
    t = context.pages.texts(user.language)
    if draft is None:
        return await _page(request, Outcome(409, (t["pg_stale_token"],)))
    return await _page(request, Outcome(200, (t["pg_discarded"],), proposal=draft.proposal))


async def _drafted(request: web.Request) -> tuple[str, Draft | None]:
    """The posted token and the draft it names, taken once (the organiser check comes
    first, so anyone else is refused, 403, before a token is looked at)."""
    context, user, services = console_of(request)
    require_organiser(user)
    token = await field(request, "token")
    if not TOKEN.match(token):
        raise web.HTTPBadRequest()
    return token, services.programme_drafts.take(token, user.id, context.clock.now())


async def undo(request: web.Request) -> web.Response:
    context, user, services = console_of(request)
    outcome = await services.programme_desk.undo(user, int(request.match_info["id"]))
    if outcome is Undone.MISSING:
        raise web.HTTPNotFound()
    t = context.pages.texts(user.language)
    if outcome is Undone.UNDONE:
        return await _page(request, Outcome(200, (t["pg_undone"],), t["pg_undo"], session=0))
    refusal = t[UNDO_REFUSALS[outcome]]
    return await _page(request, Outcome(409, (refusal,), t["pg_undo"], session=0))


async def _applied(request: web.Request, applied: Applied) -> web.Response:
    context, user, _services = console_of(request)
    t, r = context.pages.texts(user.language), await context.reader(user)
    lines = []
    if applied.undo_until is not None:
        key = "pg_told_at" if applied.preview.tells else "pg_undo_until"
        lines.append(t[key].format(time=r.clock(applied.undo_until)))
    first = applied.preview.edits[0]
    gone = first.after is None
    outcome = Outcome(
        200,
        tuple(lines),
        t["pg_applied"],
        change=change_view(t, r, applied.preview.edits),
        undo=applied.change_id if applied.undo_until is not None else None,
        session=0 if gone else first.session_id,
        restore=first.session_id if gone else 0,
    )
    return await _page(request, outcome)


async def _refused(
    request: web.Request, error: ChangeRejectedError, proposal: Proposal | None
) -> web.Response:
    """Why the change cannot be made; a delay that clashes may still move the later
    sessions along (chat offers the same)."""
    context, user, services = console_of(request)
    t, r = context.pages.texts(user.language), await context.reader(user)
    later = 0
    if proposal is not None and proposal.action is Action.DELAY and not proposal.later:
        try:
            wider = await services.programme_desk.preview(user, replace(proposal, later=True))
            later = wider.later
        except ChangeRejectedError:
            later = 0
    lines = (problem(t, r, error), t["pg_nothing_changed"])
    return await _page(request, Outcome(status_of(error), lines, proposal=proposal, later=later))


async def _page(request: web.Request, outcome: Outcome) -> web.Response:
    context, user, _services = console_of(request)
    t = context.pages.texts(user.language)
    proposal, session = outcome.proposal, outcome.session
    if session is None:
        named = proposal is not None and proposal.action not in (Action.ADD, Action.RESTORE)
        session = proposal.session_id if proposal is not None and named else 0
    heading = outcome.heading or (t["pg_refused"] if outcome.status >= 400 else t["pg_heading"])
    return context.pages.response(
        "console_programme_result.html",
        user.language,
        status=outcome.status,
        r=await context.reader(user),
        outcome=outcome,
        heading=heading,
        session=session,
    )


def add_routes(app: web.Application) -> None:
    app.router.add_post("/app/organiser/programme/preview", preview)
    app.router.add_post("/app/organiser/programme/apply", apply)
    app.router.add_post("/app/organiser/programme/discard", discard)
    app.router.add_post(f"/app/organiser/programme/undo/{ID}", undo)
