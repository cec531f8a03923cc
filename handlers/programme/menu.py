"""«✏️ Change» on a session's page: the organiser's menu, each change's first step, and
«▶ Now on stage» marks."""

from __future__ import annotations

from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.agenda.values import Session
from bot.programme.service import ProgrammeDesk
from bot.programme.stage import Mark, StageService
from bot.programme.values import DELAYS, Action, Proposal
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import short_day, time_range
from bot.users.values import User
from handlers.agenda.callbacks import AgendaCb, AgendaView
from handlers.common.views import show
from handlers.programme.callbacks import ChangeAction, ChangeCb, RestoreCb, alert
from handlers.programme.flows import FORM_OF, new_tag
from handlers.programme.views import View, stage_line

_BEGINS = {
    ChangeAction.DELAY: Action.DELAY,
    ChangeAction.TIMES: Action.TIMES,
    ChangeAction.ROOM: Action.ROOM,
    ChangeAction.TITLE: Action.TITLE,
    ChangeAction.DESCRIPTION: Action.DESCRIPTION,
    ChangeAction.CANCEL: Action.CANCEL,
    ChangeAction.ADD: Action.ADD,
}
_MARKS = {
    ChangeAction.STARTED: Mark.STARTED,
    ChangeAction.ENDED: Mark.ENDED,
    ChangeAction.PLAN: Mark.PLAN,
}


def gone() -> str:
    return _("This session is no longer in the programme. Nothing was changed.")


def menu_view(session: Session, zone: ZoneInfo, language: str) -> View:
    day = short_day(session.starts_at.astimezone(zone).date(), language)
    when = f"{escape(day)}, {time_range(session.starts_at, session.ends_at, zone)}"
    lines = [
        _("✏️ <b>Change the programme</b>"),
        "",
        f"<b>{escape(session.title.get(language))}</b>",
        f"🕘 {when} · 📍 {escape(session.room.get(language))}",
    ]
    stage = stage_line(session.marked_start, session.marked_end, zone)
    if stage:
        lines.append(stage)
    lines += ["", _("What changes? You see every change before it is made.")]
    return "\n".join(lines), _menu_markup(session)


def _menu_markup(session: Session) -> Any:
    builder = InlineKeyboardBuilder()

    def add(text: str, action: ChangeAction, minutes: int = 0) -> None:
        builder.button(
            text=text, callback_data=ChangeCb(action=action, session=session.id, minutes=minutes)
        )

    for minutes in DELAYS:
        add(_("+{minutes} min").format(minutes=minutes), ChangeAction.DELAY, minutes)
    add(_("🕘 New time"), ChangeAction.TIMES)
    add(_("📍 Room"), ChangeAction.ROOM)
    add(_("✏️ Title"), ChangeAction.TITLE)
    add(_("📝 Description"), ChangeAction.DESCRIPTION)
    add(_("❌ Cancel the session"), ChangeAction.CANCEL)
    add(_("➕ Add a session to this day"), ChangeAction.ADD)
    add(_("▶ Started now"), ChangeAction.STARTED)
    add(_("⏹ Ended now"), ChangeAction.ENDED)
    marked = session.marked_start is not None or session.marked_end is not None
    if marked:
        add(_("↺ Back to the plan"), ChangeAction.PLAN)
    builder.button(
        text=_("« Back to the session"),
        callback_data=AgendaCb(view=AgendaView.SESSION, session=session.id),
    )
    builder.adjust(len(DELAYS), 2, 2, 1, 1, 3 if marked else 2, 1)
    return builder.as_markup()


async def menu(
    callback: CallbackQuery,
    callback_data: ChangeCb,
    callback_answer: CallbackAnswer,
    user: User,
    agenda: AgendaService,
) -> None:
    session = await agenda.session(callback_data.session)
    if session is None:
        alert(callback_answer, gone())
        return
    await show(callback, *menu_view(session, await agenda.zone(), user.language))


async def begin(
    callback: CallbackQuery, callback_data: ChangeCb, state: FSMContext, **data: Any
) -> None:
    """A change's first step (or its preview) below the menu; any other open form ends."""
    user: User = data["user"]
    desk: ProgrammeDesk = data["programme_desk"]
    answer: CallbackAnswer = data["callback_answer"]
    action = _BEGINS[callback_data.action]
    slot = await desk.slot(user, callback_data.session)
    if slot is None or not isinstance(callback.message, Message):
        alert(answer, gone())
        return
    if action is Action.DELAY and callback_data.minutes not in DELAYS:
        alert(answer, _("This button is out of date."))
        return
    if action is Action.ADD:
        proposal = Proposal(Action.ADD, day=slot.day)
    else:
        proposal = Proposal(action, slot.id, slot.revision, minutes=callback_data.minutes)
    rooms = [r.model_dump() for r in await desk.rooms(user)]
    await FORM_OF[action].begin(
        callback.message, state, data, proposal=proposal.data(), tag=new_tag(), rooms=rooms
    )


async def mark(
    callback: CallbackQuery,
    callback_data: ChangeCb,
    callback_answer: CallbackAnswer,
    user: User,
    agenda: AgendaService,
    on_stage: StageService,
) -> None:
    session = await on_stage.mark(user, callback_data.session, _MARKS[callback_data.action])
    if session is None:
        alert(callback_answer, gone())
        return
    zone = await agenda.zone()
    callback_answer.text = stage_line(session.marked_start, session.marked_end, zone) or _(
        "Back to the planned times."
    )
    await show(callback, *menu_view(session, zone, user.language))


async def begin_restore(
    callback: CallbackQuery, callback_data: RestoreCb, state: FSMContext, **data: Any
) -> None:
    """«♻️ Restore» a session cancelled in chat: its preview, below."""
    user: User = data["user"]
    desk: ProgrammeDesk = data["programme_desk"]
    cancelled = {c.session_id for c in await desk.cancelled(user)}
    if callback_data.session not in cancelled or not isinstance(callback.message, Message):
        alert(
            data["callback_answer"],
            _("This session is not among the cancelled ones. Nothing was changed."),
        )
        return
    proposal = Proposal(Action.RESTORE, callback_data.session)
    await FORM_OF[Action.RESTORE].begin(
        callback.message, state, data, proposal=proposal.data(), tag=new_tag(), rooms=[]
    )


def router() -> Router:
    router = Router(name="programme.menu")
    router.callback_query.register(begin_restore, RestoreCb.filter())
    router.callback_query.register(menu, ChangeCb.filter(F.action == ChangeAction.MENU))
    router.callback_query.register(mark, ChangeCb.filter(F.action.in_(set(_MARKS))))
    router.callback_query.register(begin, ChangeCb.filter(F.action.in_(set(_BEGINS))))
    return router
