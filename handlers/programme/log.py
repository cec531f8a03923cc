"""/changes: the programme's audit log, paged, and the sessions cancelled in chat."""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.agenda.service import AgendaService
from bot.programme.audit import CANCELLATION, taken_back
from bot.programme.service import ProgrammeDesk
from bot.programme.values import Action, CancelledSession, LogEntry, Source
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import short_day
from bot.users.values import User
from handlers.common.views import show
from handlers.programme.callbacks import LogCb, PrintCb, RestoreCb
from handlers.programme.printout import print_label
from handlers.programme.views import View, edit_lines, span

PAGE = 5
EDITS_SHOWN = 2


def _labels() -> dict[Action, str]:
    return {
        Action.DELAY: _("⏱ Delayed"),
        Action.TIMES: _("🕘 New time"),
        Action.ROOM: _("📍 Room"),
        Action.CANCEL: _("❌ Cancelled"),
        Action.RESTORE: _("♻️ Restored"),
        Action.ADD: _("➕ Added"),
        Action.TITLE: _("✏️ Title"),
        Action.DESCRIPTION: _("📝 Description"),
        Action.UNDO: _("↩ Undone"),
        Action.STARTED: _("▶ Marked started"),
        Action.ENDED: _("⏹ Marked ended"),
        Action.PLAN: _("↺ Back to the plan"),
        Action.ADDED: _("➕ Added by the files"),
        Action.UPDATED: _("✏️ Changed by the files"),
        Action.REMOVED: _("❌ Removed by the files"),
    }


def _who(entry: LogEntry) -> str:
    if entry.source is Source.LOAD:
        return _("python -m bot load")
    if entry.source is Source.SYNC:
        return _("schedule sync")
    return _("{name} in chat").format(name=escape(entry.actor_name or str(entry.actor_id)))


def _taken_back_lines(file_won: tuple[str, ...]) -> list[str]:
    """What a load took back from chat edits, named as people say them (not «starts_at»)."""
    names = taken_back(file_won)
    lines = []
    if CANCELLATION in names:
        lines.append(
            _("The files changed a session cancelled in chat: it is back in the programme.")
        )
    labels = {
        "time": _("time"),
        "room": _("room"),
        "title": _("title"),
        "description": _("description"),
    }
    fields = [labels.get(name, name) for name in names if name != CANCELLATION]
    if fields:
        lines.append(
            _("The file's new value replaced the chat edit: {fields}.").format(
                fields=", ".join(fields)
            )
        )
    return lines


def entry_lines(entry: LogEntry, zone: ZoneInfo, language: str) -> list[str]:
    at = entry.at.astimezone(zone)
    when = f"{escape(short_day(at.date(), language))}, {at:%H:%M}"
    lines = [f"<b>#{entry.id}</b> · {when} · {_who(entry)}", _labels()[entry.action]]
    if entry.undoes is not None:
        lines[-1] += " " + _("(change #{number})").format(number=entry.undoes)
    for edit in entry.edits[:EDITS_SHOWN]:
        lines += edit_lines(edit, zone, language)
    if len(entry.edits) > EDITS_SHOWN:
        more = len(entry.edits) - EDITS_SHOWN
        lines.append(
            ngettext(
                "…and {count} more session moved with it",
                "…and {count} more sessions moved with it",
                more,
            ).format(count=more)
        )
    lines += _taken_back_lines(entry.file_won)
    if entry.undone:
        lines.append(_("↩ taken back"))
    return lines


def log_view(
    entries: list[LogEntry], total: int, page: int, cancelled: int, zone: ZoneInfo, language: str
) -> View:
    pages = max(1, -(-total // PAGE))
    lines = [
        _("📜 <b>Programme changes</b> — page {page} of {pages}").format(page=page + 1, pages=pages)
    ]
    for entry in entries:
        lines += ["", *entry_lines(entry, zone, language)]
    if not entries:
        lines += ["", _("No changes yet.")]
    builder = InlineKeyboardBuilder()
    for target, arrow in ((page - 1, "‹"), (page + 1, "›")):
        if 0 <= target < pages:
            builder.button(text=arrow, callback_data=LogCb(page=target))
    if cancelled:
        builder.button(
            text=_("♻️ Cancelled sessions ({count})").format(count=cancelled),
            callback_data=LogCb(cancelled=True),
        )
    builder.button(text=print_label(), callback_data=PrintCb())
    builder.adjust(2, 1)
    return paginate(["\n".join(lines)])[0], builder.as_markup()


def cancelled_view(sessions: list[CancelledSession], zone: ZoneInfo, language: str) -> View:
    lines = [_("♻️ <b>Sessions cancelled in chat</b>"), ""]
    builder = InlineKeyboardBuilder()
    for session in sessions:
        title = session.fields.title.get(language)
        day = short_day(session.day, language)
        lines.append(f"{escape(day)}, {span(session.fields, zone)} <b>{escape(title)}</b>")
        builder.button(
            text=_("♻️ Restore: {title}").format(title=shorten(title, 40)),
            callback_data=RestoreCb(session=session.session_id),
        )
    if not sessions:
        lines.append(_("None: every cancelled session is back or was taken back by the files."))
    builder.button(text=_("« Changes"), callback_data=LogCb(page=0))
    builder.adjust(1)
    return paginate(["\n".join(lines)])[0], builder.as_markup()


async def _page(desk: ProgrammeDesk, agenda: AgendaService, user: User, page: int) -> View:
    entries, total = await desk.log(user, page * PAGE, PAGE)
    cancelled = len(await desk.cancelled(user))
    return log_view(entries, total, page, cancelled, await agenda.zone(), user.language)


async def changes_command(
    message: Message, user: User, programme_desk: ProgrammeDesk, agenda: AgendaService
) -> None:
    text, markup = await _page(programme_desk, agenda, user, 0)
    await message.answer(text, reply_markup=markup)


async def changes_page(
    callback: CallbackQuery,
    callback_data: LogCb,
    user: User,
    programme_desk: ProgrammeDesk,
    agenda: AgendaService,
) -> None:
    if callback_data.cancelled:
        sessions = await programme_desk.cancelled(user)
        await show(callback, *cancelled_view(sessions, await agenda.zone(), user.language))
        return
    await show(callback, *await _page(programme_desk, agenda, user, callback_data.page))


def router() -> Router:
    router = Router(name="programme.log")
    router.message.register(changes_command, Command("changes"), F.chat.type == "private")
    router.callback_query.register(changes_page, LogCb.filter())
    return router
