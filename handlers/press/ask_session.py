"""/ask about a session: the journalist picks the session; the question goes to the
organisers, who know its speakers. About a session closed to the press the journalist is
told that its speakers may decline to comment."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.agenda.values import Session
from bot.content.models import PressAccess
from bot.press.quote_requests import QuoteRequestService
from bot.telegram.html import shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import short_day, time_range
from bot.users.values import User
from handlers.common.press_access import ICONS
from handlers.common.views import show
from handlers.press.ask import ask_form, only_accredited
from handlers.press.callbacks import AskTargetCb, TargetPick
from handlers.press.common import alert

SESSION_PICKS = frozenset({TargetPick.LIST_SESSIONS, TargetPick.SESSION})


def sessions_keyboard(
    sessions: list[Session], zone: ZoneInfo, language: str
) -> InlineKeyboardMarkup:
    """Each session with its day, time and press access (🎙 open, 📷 photo, 🔒 closed)."""
    builder = InlineKeyboardBuilder()
    for session in sessions:
        span = time_range(session.starts_at, session.ends_at, zone)
        when = f"{short_day(session.day, language)} {span}"
        builder.button(
            text=f"{ICONS[session.press]} {when} {shorten(session.title.get(language), 40)}",
            callback_data=AskTargetCb(pick=TargetPick.SESSION, key=session.key),
        )
    builder.adjust(1)
    return builder.as_markup()


async def pick_session(
    callback: CallbackQuery, callback_data: AskTargetCb, state: FSMContext, **data: Any
) -> None:
    user: User = data["user"]
    quote_requests: QuoteRequestService = data["quote_requests"]
    if not await quote_requests.may_ask(user):
        alert(data["callback_answer"], only_accredited())
        return
    if callback_data.pick is TargetPick.LIST_SESSIONS:
        if await ask_form.still_open(callback, state, "target", data):
            agenda: AgendaService = data["agenda"]
            markup = sessions_keyboard(await agenda.programme(), await agenda.zone(), user.language)
            await show(callback, _("Choose:"), markup)
        return
    found = await quote_requests.about_session(callback_data.key)
    if found is None:
        alert(data["callback_answer"], _("This choice is no longer in the data. Choose again."))
        return
    target, session = found
    chosen = {
        "kind": target.kind.value,
        "key": target.key,
        "label": target.label.get(user.language),
        "session": session.key,
        "session_title": session.title.get(user.language),
        "closed": session.press is not PressAccess.OPEN,
    }
    await ask_form.choose(callback, state, "target", chosen, data)


def setup(public: Router, organisers: Router) -> None:
    public.callback_query.register(pick_session, AskTargetCb.filter(F.pick.in_(SESSION_PICKS)))
