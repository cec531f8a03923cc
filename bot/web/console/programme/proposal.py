"""A change as the console's form asks for it, read with chat's rules and bounds.

The same ``Proposal`` chat's «✏️ Change» builds step by step, from one posted form. A form
no page of ours would send (an unknown action, a non-numeric or over-long number, a room
index out of range) is a 400; a session or day that is not there a 404, checked before the
typed fields, after the organiser check (403); a typed field out of its bounds raises
``InputRejectedError`` and a time chat would refuse ``ChangeRejectedError``, which the
page names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from aiohttp import web

from bot.agenda.service import AgendaService
from bot.content.models import Text
from bot.forms.input import clean
from bot.programme.edits import parse_span
from bot.programme.service import ProgrammeDesk
from bot.programme.values import ROOM, TITLE, Action, ChangeRejectedError, Problem, Proposal
from bot.users.values import User
from bot.web.console.forms import checked, field

ACTIONS = {
    action.value: action
    for action in (
        Action.DELAY,
        Action.TIMES,
        Action.ROOM,
        Action.TITLE,
        Action.CANCEL,
        Action.RESTORE,
        Action.ADD,
    )
}
MAX_DELAY = 240
"""Minutes a delay may take at once (chat offers 5–30); a later time is a «New time»."""
FIELDS = ("session", "revision", "minutes", "start", "end", "room", "new_room", "day")
_DIGITS = re.compile(r"^[0-9]+$")
_CLOCK = re.compile(r"^[0-9]{1,2}:[0-9]{2}$")
_DAY = re.compile(r"^[0-9]{8}$")


def number(value: str, digits: int) -> int:
    """A count of at most ``digits`` digits; anything else is a form we never sent."""
    if not _DIGITS.match(value) or len(value) > digits:
        raise web.HTTPBadRequest()
    return int(value)


def session_id(value: str) -> int:
    """Digits only (else 400); more than 18 is no id of ours (404, like the URLs)."""
    if not _DIGITS.match(value):
        raise web.HTTPBadRequest()
    if len(value) > 18:
        raise web.HTTPNotFound()
    return int(value)


async def proposal_of(
    request: web.Request, desk: ProgrammeDesk, user: User, agenda: AgendaService
) -> Proposal:
    action = ACTIONS.get(await field(request, "action"))
    if action is None:
        raise web.HTTPBadRequest()
    form = {name: await field(request, name) for name in FIELDS}
    if action is Action.ADD:
        return await _added(request, form, desk, user, agenda)
    session = session_id(form["session"])
    if action is Action.RESTORE:
        if session not in {c.session_id for c in await desk.cancelled(user)}:
            raise web.HTTPNotFound()
        return Proposal(Action.RESTORE, session)
    if await desk.slot(user, session) is None:
        raise web.HTTPNotFound()
    base = Proposal(action, session, number(form["revision"], 9))
    return await _edited(request, base, form, desk, user)


async def _edited(
    request: web.Request, base: Proposal, form: dict[str, str], desk: ProgrammeDesk, user: User
) -> Proposal:
    """One session's change: what the action needs besides the session."""
    match base.action:
        case Action.DELAY:
            minutes = number(form["minutes"], 3)
            if not 1 <= minutes <= MAX_DELAY:
                raise web.HTTPBadRequest()
            return replace(base, minutes=minutes, later=await checked(request, "later"))
        case Action.TIMES:
            start, end = times(form)
            return replace(base, start=start, end=end)
        case Action.ROOM:
            return replace(base, room=await room(form, desk, user))
        case Action.TITLE:
            return replace(base, title=await title(request))
    return base


async def _added(
    request: web.Request,
    form: dict[str, str],
    desk: ProgrammeDesk,
    user: User,
    agenda: AgendaService,
) -> Proposal:
    rooms = await desk.rooms(user)  # the organiser check, before the day is looked up
    if not _DAY.match(form["day"]):
        raise web.HTTPBadRequest()
    try:
        day = dt.datetime.strptime(form["day"], "%Y%m%d").date()
    except ValueError:
        raise web.HTTPNotFound() from None
    if await agenda.day(day) is None:
        raise web.HTTPNotFound()
    named = await title(request)
    start, end = times(form)
    return Proposal(
        Action.ADD,
        day=day,
        title=named,
        start=start,
        end=end,
        room=await room(form, desk, user, rooms),
    )


def times(form: dict[str, str]) -> tuple[str, str]:
    """``HH:MM`` twice, as chat's «10:20–12:50» reads them."""
    start, end = form["start"].strip(), form["end"].strip()
    if not (_CLOCK.match(start) and _CLOCK.match(end)):
        raise ChangeRejectedError(Problem.BAD_TIME)
    return parse_span(f"{start}–{end}")


async def room(
    form: dict[str, str], desk: ProgrammeDesk, user: User, rooms: list[Text] | None = None
) -> Text:
    """A new room typed «по-русски / in English» (one name serves both), else one of the
    programme's rooms by its place in the list."""
    if form["new_room"].strip():
        value = clean(form["new_room"], ROOM)
        ru, _slash, en = value.partition(" / ")
        return Text(ru=clean(ru, ROOM), en=clean(en or ru, ROOM))
    known = rooms if rooms is not None else await desk.rooms(user)
    index = number(form["room"], 3)
    if index >= len(known):
        raise web.HTTPBadRequest()
    return known[index]


async def title(request: web.Request) -> Text:
    return Text(
        ru=clean(await field(request, "title_ru"), TITLE),
        en=clean(await field(request, "title_en"), TITLE),
    )
