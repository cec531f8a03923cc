"""Reminder buttons other features show (session detail, day view, day offer).

Kept apart from the reminders router so the agenda can show them without importing it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from pydantic import Field

from handlers.common.callbacks import Count, Id

DayKey = Annotated[str, Field(pattern=r"^(\d{8})?$")]
"""The agenda's day key (YYYYMMDD), or empty for buttons about no day."""


class RemindAction(StrEnum):
    ON = "on"
    OFF = "off"
    DAY = "day"
    UNDAY = "unday"
    LIST = "list"
    DROP = "drop"
    CLEAR = "clear"
    CLEAR_CONFIRMED = "clear!"
    LEAD = "lead"
    ICS = "ics"
    FEEDBACK_OFF = "fb0"
    FEEDBACK_ON = "fb1"


class RemindCb(CallbackData, prefix="rm"):
    action: RemindAction
    session: Id = 0
    day: DayKey = ""
    lead: Count = 0


def session_toggle(session_id: int, subscribed: bool) -> InlineKeyboardButton:
    if subscribed:
        return InlineKeyboardButton(
            text=_("🔕 Don't remind me"),
            callback_data=RemindCb(action=RemindAction.OFF, session=session_id).pack(),
        )
    return InlineKeyboardButton(
        text=_("🔔 Remind me"),
        callback_data=RemindCb(action=RemindAction.ON, session=session_id).pack(),
    )


def day_toggle(day: str, following: bool) -> InlineKeyboardButton:
    """``day`` is the agenda's day key (YYYYMMDD)."""
    if following:
        return InlineKeyboardButton(
            text=_("🔕 Don't remind me of this day"),
            callback_data=RemindCb(action=RemindAction.UNDAY, day=day).pack(),
        )
    return InlineKeyboardButton(
        text=_("🔔 Remind me of the whole day"),
        callback_data=RemindCb(action=RemindAction.DAY, day=day).pack(),
    )


def swap_button(
    markup: InlineKeyboardMarkup | None, pressed: str, new: InlineKeyboardButton
) -> InlineKeyboardMarkup | None:
    """The message's keyboard with the pressed button replaced, whatever feature drew it."""
    if markup is None:
        return None
    rows = [
        [new if button.callback_data == pressed else button for button in row]
        for row in markup.inline_keyboard
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)
