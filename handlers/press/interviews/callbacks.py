"""Button data of the interview desk. Ids are ``Id``, pages and revisions ``Count``; a
person travels by their data key (at most 32 characters) and is looked up again."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.telegram.keyboard import InlineKeyboardBuilder
from handlers.common.callbacks import Count, Id


class InterviewsView(StrEnum):
    HOME = "h"
    ASK = "a"
    MINE = "m"
    QUEUE = "q"


class InterviewsCb(CallbackData, prefix="iv"):
    view: InterviewsView
    page: Count = 0


class PersonCb(CallbackData, prefix="ivp"):
    person: str


class DeskAction(StrEnum):
    OPEN = "o"
    CONFIRM = "c"
    PROPOSE = "p"
    DECLINE = "d"


class DeskCb(CallbackData, prefix="ivd"):
    """An organiser's action on a request; ``choice`` is the preferred time confirmed."""

    action: DeskAction
    request: Id
    choice: Count = 0


class ReplyCb(CallbackData, prefix="ivr"):
    """The journalist's answer to the proposal made at ``revision`` (a later one supersedes)."""

    request: Id
    revision: Count
    accept: bool


class CalendarCb(CallbackData, prefix="ivc"):
    request: Id


def calendar_keyboard(request_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("📅 Add to calendar (.ics)"), callback_data=CalendarCb(request=request_id)
    )
    return builder.as_markup()


def reply_keyboard(request_id: int, revision: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for text, accept in ((_("✅ Accept"), True), (_("✖ Refuse"), False)):
        builder.button(
            text=text, callback_data=ReplyCb(request=request_id, revision=revision, accept=accept)
        )
    return builder.as_markup()
