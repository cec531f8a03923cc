"""The change applied (or refused at the last moment), and «↩ Undo»."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.programme.service import ProgrammeDesk
from bot.programme.values import Applied, ChangeRejectedError, Proposal, Undone
from bot.telegram.html import paginate
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.agenda.callbacks import AgendaCb, AgendaView
from handlers.common.views import show
from handlers.programme.callbacks import RestoreCb, UndoCb, alert
from handlers.programme.views import View, change_lines, problem_text


async def apply_change(callback: CallbackQuery, proposal: Proposal, data: dict[str, Any]) -> None:
    """«✅ Confirm»: the change is written; the preview becomes its result."""
    desk: ProgrammeDesk = data["programme_desk"]
    agenda: AgendaService = data["agenda"]
    user: User = data["user"]
    zone = await agenda.zone()
    try:
        applied = await desk.apply(user, proposal)
    except ChangeRejectedError as error:
        text = "⚠️ " + problem_text(error, zone, user.language) + "\n\n" + _("Nothing was changed.")
        await show(callback, text)
        return
    await show(callback, *applied_view(applied, zone, user.language))


def applied_view(applied: Applied, zone: Any, language: str) -> View:
    preview = applied.preview
    lines = [_("✅ <b>Changed.</b>"), "", *change_lines(preview.edits, zone, language), ""]
    if applied.undo_until is not None and preview.tells:
        lines.append(
            _(
                "Followers are told at {time} unless the session changes again; "
                "until then «↩ Undo» takes it back and nobody is told."
            ).format(time=applied.undo_until.astimezone(zone).strftime("%H:%M"))
        )
    elif applied.undo_until is not None:
        lines.append(
            _("«↩ Undo» takes it back until {time}.").format(
                time=applied.undo_until.astimezone(zone).strftime("%H:%M")
            )
        )
    builder = InlineKeyboardBuilder()
    if applied.undo_until is not None:
        builder.button(text=_("↩ Undo"), callback_data=UndoCb(change=applied.change_id))
    first = preview.edits[0]
    if first.after is None:
        builder.button(text=_("♻️ Restore"), callback_data=RestoreCb(session=first.session_id))
    else:
        data = AgendaCb(view=AgendaView.SESSION, session=first.session_id)
        builder.button(text=_("📄 The session"), callback_data=data)
    builder.adjust(1)
    return paginate(["\n".join(lines)])[0], builder.as_markup()


async def undo(
    callback: CallbackQuery,
    callback_data: UndoCb,
    callback_answer: CallbackAnswer,
    user: User,
    programme_desk: ProgrammeDesk,
) -> None:
    outcome = await programme_desk.undo(user, callback_data.change)
    if outcome is Undone.UNDONE:
        await show(callback, _("↩ <b>Undone.</b> The programme is as it was; nobody was told."))
        return
    alert(callback_answer, undo_refusal(outcome))


def undo_refusal(outcome: Undone) -> str:
    match outcome:
        case Undone.TOO_LATE:
            return _(
                "Too late to undo: followers may have been told already. Make a new change instead."
            )
        case Undone.CHANGED_SINCE:
            return _("The session has changed since; nothing was undone. Make a new change.")
        case Undone.ALREADY:
            return _("This change has been undone already.")
    return _("This change is not in the programme's log. Nothing was changed.")


def router() -> Router:
    router = Router(name="programme.result")
    router.callback_query.register(undo, UndoCb.filter())
    return router
