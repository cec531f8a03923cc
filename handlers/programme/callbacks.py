"""The programme-change buttons: typed data with bounded ids (a forged one is «out of date»).

``change_button`` is what the session page shows organisers (handlers/agenda/views.py).
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from handlers.common.callbacks import Count, Id


class ChangeAction(StrEnum):
    MENU = "m"
    DELAY = "d"
    TIMES = "t"
    ROOM = "r"
    TITLE = "ti"
    DESCRIPTION = "de"
    CANCEL = "c"
    ADD = "a"
    STARTED = "st"
    ENDED = "en"
    PLAN = "pl"


class ChangeCb(CallbackData, prefix="pgc"):
    """A button of a session's «✏️ Change» menu."""

    action: ChangeAction
    session: Id
    minutes: Count = 0


class DraftAction(StrEnum):
    CONFIRM = "ok"
    DISCARD = "x"
    LATER = "l"
    """A delay's «also move the later sessions» / «only this session»."""


class DraftCb(CallbackData, prefix="pgd"):
    """A button under the preview of the change being made."""

    action: DraftAction
    tag: str
    """The open change the button belongs to: one under an older preview acts on nothing."""


class RoomCb(CallbackData, prefix="pgr"):
    """One of the programme's rooms, offered while a room is asked for."""

    index: Count
    tag: str


class UndoCb(CallbackData, prefix="pgu"):
    change: Id


class RestoreCb(CallbackData, prefix="pgs"):
    session: Id


class LogCb(CallbackData, prefix="pgl"):
    page: Count = 0
    cancelled: bool = False
    """The list of sessions cancelled in chat (to restore one) instead of the log."""


def change_button(session_id: int) -> InlineKeyboardButton:
    """«✏️ Change» on a session's page; shown to organisers only."""
    return InlineKeyboardButton(
        text=_("✏️ Change"),
        callback_data=ChangeCb(action=ChangeAction.MENU, session=session_id).pack(),
    )


def alert(callback_answer: CallbackAnswer, text: str) -> None:
    callback_answer.text = text
    callback_answer.show_alert = True


class PrintCb(CallbackData, prefix="pgp"):
    """«🖨 Programme to print»: the live programme as an A4 PDF, in the organiser's language."""
