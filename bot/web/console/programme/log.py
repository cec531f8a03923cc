"""The programme's audit log, paged: ``ProgrammeDesk.log``, what chat's /changes shows.

Who changed what, when, before → after, from chat and the console, ``load`` or the
schedule sync; undone changes are marked, and an undo names the change it took back.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.utils.i18n import ngettext
from aiohttp import web

from bot.programme.audit import CANCELLATION, taken_back
from bot.programme.values import LogEntry, Source
from bot.web.console.press import console_of
from bot.web.console.programme.views import EditView, edit_view
from bot.web.render import Reader
from bot.web.texts import Texts

PAGE = 10
EDITS_SHOWN = 3
BASE = "/app/organiser/programme/log"


@dataclass(frozen=True, slots=True)
class EntryView:
    id: int
    when: str
    who: str
    label: str
    edits: tuple[EditView, ...]
    notes: tuple[str, ...]
    undone: bool


def who(t: Texts, entry: LogEntry) -> str:
    if entry.source is Source.LOAD:
        return t["pg_by_load"]
    if entry.source is Source.SYNC:
        return t["pg_by_sync"]
    return t["pg_by"].format(name=entry.actor_name or str(entry.actor_id))


def entry_view(t: Texts, r: Reader, entry: LogEntry) -> EntryView:
    label = t[f"action_{entry.action.value}"]
    if entry.undoes is not None:
        label += " " + t["pg_change_number"].format(number=entry.undoes)
    notes = []
    if len(entry.edits) > EDITS_SHOWN:
        more = len(entry.edits) - EDITS_SHOWN
        notes.append(
            ngettext(
                "…and {count} more session moved with it",
                "…and {count} more sessions moved with it",
                more,
            ).format(count=more)
        )
    names = taken_back(entry.file_won)
    if CANCELLATION in names:
        notes.append(t["pg_file_cancelled"])
    fields = [t.get(f"pg_field_{name}", name) for name in names if name != CANCELLATION]
    if fields:
        notes.append(t["pg_file_won"].format(fields=", ".join(fields)))
    return EntryView(
        id=entry.id,
        when=r.moment(entry.at),
        who=who(t, entry),
        label=label,
        edits=tuple(edit_view(t, r, edit) for edit in entry.edits[:EDITS_SHOWN]),
        notes=tuple(notes),
        undone=entry.undone,
    )


async def log(request: web.Request) -> web.Response:
    """A page of the log, newest first; a page past the last is 404."""
    context, user, services = console_of(request)
    page = int(request.match_info.get("page", "1"))
    entries, total = await services.programme_desk.log(user, (max(page, 1) - 1) * PAGE, PAGE)
    pages = max(1, -(-total // PAGE))
    if not 1 <= page <= pages:
        raise web.HTTPNotFound()
    t, r = context.pages.texts(user.language), await context.reader(user)
    return context.pages.response(
        "console_programme_log.html",
        user.language,
        r=r,
        entries=[entry_view(t, r, entry) for entry in entries],
        number=page,
        pages=pages,
    )


def add_routes(app: web.Application) -> None:
    app.router.add_get(BASE, log)
    app.router.add_get(BASE + "/{page:[0-9]{1,6}}", log)
