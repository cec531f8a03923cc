"""The questions the change forms ask, each naming what it changes and how to answer."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.content.models import Text
from bot.programme.service import ProgrammeDesk
from bot.programme.values import Action, Proposal
from bot.telegram.html import shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_label
from bot.users.values import User
from handlers.common.forms import Question, Values
from handlers.programme.callbacks import RoomCb
from handlers.programme.views import span

ROOM_BUTTONS = 8


def discarded() -> str:
    return _("Discarded. Nothing was changed.")


def stale() -> str:
    return _("This change is no longer open. Nothing was changed.")


def _proposal(values: Values) -> Proposal:
    return Proposal.from_data(values["proposal"])


async def _current(values: Values, data: dict[str, Any]) -> tuple[str, str]:
    """The session's title and time now, in the organiser's language and the event's zone."""
    desk: ProgrammeDesk = data["programme_desk"]
    agenda: AgendaService = data["agenda"]
    user: User = data["user"]
    slot = await desk.slot(user, _proposal(values).session_id)
    if slot is None:
        return "", ""
    title = escape(slot.fields.title.get(user.language))
    return title, span(slot.fields, await agenda.zone())


async def ask_times(values: Values, data: dict[str, Any]) -> Question:
    user: User = data["user"]
    proposal = _proposal(values)
    if proposal.action is Action.ADD and proposal.day is not None:
        day = escape(day_label(proposal.day, user.language))
        return _("🕘 When is it on {day}? Send HH:MM–HH:MM, e.g. 15:00–16:30.").format(
            day=day
        ), None
    title, now = await _current(values, data)
    return _(
        "🕘 New time for «{title}» (now {time}). Send HH:MM–HH:MM, e.g. 10:20–12:50, or /cancel."
    ).format(title=title, time=now), None


async def ask_room(values: Values, data: dict[str, Any]) -> Question:
    builder = InlineKeyboardBuilder()
    language = data["user"].language
    for index, room in enumerate(values.get("rooms", [])[:ROOM_BUTTONS]):
        name = Text.model_validate(room).get(language)
        builder.button(text=shorten(name, 60), callback_data=RoomCb(index=index, tag=values["tag"]))
    builder.adjust(1)
    question = _(
        "📍 Which room? Choose one, or send its name; for two languages send "
        "«по-русски / in English». /cancel to stop."
    )
    return question, builder.as_markup() if values.get("rooms") else None


async def ask_title_ru(values: Values, data: dict[str, Any]) -> Question:
    proposal = _proposal(values)
    if proposal.action is Action.ADD and proposal.day is not None:
        day = escape(day_label(proposal.day, data["user"].language))
        return _("➕ A new session on {day}. Its title in Russian:").format(day=day), None
    title, _now = await _current(values, data)
    return _("✏️ The new title of «{title}» in Russian:").format(title=title), None


async def ask_title_en(_values: Values, _data: dict[str, Any]) -> Question:
    return _("The title in English:"), None


async def ask_text_ru(values: Values, data: dict[str, Any]) -> Question:
    title, _now = await _current(values, data)
    return _("📝 The new description of «{title}» in Russian:").format(title=title), None


async def ask_text_en(_values: Values, _data: dict[str, Any]) -> Question:
    return _("The description in English:"), None
