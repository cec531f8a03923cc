"""The programme editor's pages: the days with each session's time, room and state, one
session's editor (delay, new time, room, title, cancel, «▶ Now on stage»), and the marks.

Each page asks ``ProgrammeDesk`` (or ``StageService``) first, whose organiser check refuses
anyone else (403); the times are in the event's zone, named on the page.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from aiohttp import web

from bot.agenda.values import Day, Session
from bot.programme.stage import Mark
from bot.time.display import clock_time
from bot.users.access import require_organiser
from bot.web.console.forms import field
from bot.web.console.press import console_of
from bot.web.console.programme.proposal import MAX_DELAY
from bot.web.console.programme.views import span
from bot.web.pages.programme import DAY, ID, day_key, parse_day
from bot.web.public.routes import printable
from bot.web.render import Reader
from bot.web.texts import Texts

MARKS = {mark.value: mark for mark in Mark}
BASE = "/app/organiser/programme"


async def programme(request: web.Request) -> web.Response:
    """Today's sessions while the meeting is on, else its first day's."""
    return await _day_page(request, None)


async def day(request: web.Request) -> web.Response:
    return await _day_page(request, parse_day(request.match_info["day"]))


def _shown_day(days: list[Day], r: Reader) -> dt.date:
    today = r.now.astimezone(r.zone).date()
    return next((d.date for d in days if d.date == today), days[0].date)


async def _day_page(request: web.Request, date: dt.date | None) -> web.Response:
    context, user, services = console_of(request)
    desk, agenda = services.programme_desk, context.services.agenda
    cancelled = await desk.cancelled(user)  # organisers only: 403 before anything is read
    r = await context.reader(user)
    days = await agenda.days()
    if not days:
        raise web.HTTPNotFound()
    found = await agenda.day(date or _shown_day(days, r))
    if found is None:
        raise web.HTTPNotFound()
    chosen, sessions = found
    return context.pages.response(
        "console_programme.html",
        user.language,
        r=r,
        days=days,
        day=chosen,
        sessions=sessions,
        cancelled=[c for c in cancelled if c.day == chosen.date],
        rooms=await desk.rooms(user),
        day_key=day_key,
        span=partial(span, r),
        printable=printable(request, user.language),
    )


async def session(request: web.Request) -> web.Response:
    return await _session_page(request)


async def _session_page(request: web.Request, message: str | None = None) -> web.Response:
    context, user, services = console_of(request)
    session_id = int(request.match_info["id"])
    slot = await services.programme_desk.slot(user, session_id)
    found = await context.services.agenda.session(session_id)
    if slot is None or found is None:
        raise web.HTTPNotFound()
    r = await context.reader(user)
    t = context.pages.texts(user.language)
    return context.pages.response(
        "console_programme_session.html",
        user.language,
        r=r,
        session=found,
        revision=slot.revision,
        rooms=await services.programme_desk.rooms(user),
        day_key=day_key(found.day),
        stage=stage_line(t, r, found),
        message=message,
        max_delay=MAX_DELAY,
        start=clock_time(found.starts_at, r.zone),
        end=clock_time(found.ends_at, r.zone),
    )


def stage_line(t: Texts, r: Reader, session: Session) -> str | None:
    """«▶ Marked started at 10:40.» as chat's change menu says it; None: the plan."""
    if session.marked_end is not None:
        return t["pg_marked_ended"].format(time=r.clock(session.marked_end))
    if session.marked_start is not None:
        return t["pg_marked_started"].format(time=r.clock(session.marked_start))
    return None


async def mark(request: web.Request) -> web.Response:
    """«▶ Started now», «⏹ Ended now», «↺ Back to the plan»: ``StageService.mark``."""
    context, user, services = console_of(request)
    require_organiser(user)  # 403 before the form is read
    chosen = MARKS.get(await field(request, "mark"))
    if chosen is None:
        raise web.HTTPBadRequest()
    marked = await services.on_stage.mark(user, int(request.match_info["id"]), chosen)
    if marked is None:
        raise web.HTTPNotFound()
    t, r = context.pages.texts(user.language), await context.reader(user)
    return await _session_page(request, stage_line(t, r, marked) or t["pg_back_to_plan"])


def add_routes(app: web.Application) -> None:
    app.router.add_get(BASE, programme)
    app.router.add_get(f"{BASE}/{DAY}", day)
    app.router.add_get(f"{BASE}/session/{ID}", session)
    app.router.add_post(f"{BASE}/session/{ID}/mark", mark)
