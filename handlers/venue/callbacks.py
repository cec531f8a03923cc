"""The venue's buttons, and the one other features show (a session's «where is it»)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton
from aiogram.utils.i18n import gettext as _

from handlers.common.callbacks import Id


class VenueSection(StrEnum):
    HOME = "home"
    MAP = "map"
    HALLS = "halls"
    HALL = "hall"
    HOTEL = "hotel"
    TRANSPORT = "go"
    WIFI = "wifi"
    SESSION_HALL = "sh"
    """The hall of a session, from the session's page (``session`` says which)."""


class VenueCb(CallbackData, prefix="vn"):
    section: VenueSection
    hall: str = ""
    """A hall's id from practical.yaml; an unknown one is an out-of-date button."""
    session: Id = 0
    """The session a hall was opened from, so «back» returns to it; 0: from the venue."""


def hall_button(session_id: int) -> InlineKeyboardButton:
    """On a session's page: where its hall is (the agenda shows it without importing us)."""
    return InlineKeyboardButton(
        text=_("📍 Where is it"),
        callback_data=VenueCb(section=VenueSection.SESSION_HALL, session=session_id).pack(),
    )
