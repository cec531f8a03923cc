"""Button data of the press gallery. Ids are ``Id``, pages ``Count``; a day travels as
``YYYY-MM-DD`` and is checked against the meeting's days before it is used."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.telegram.keyboard import InlineKeyboardBuilder
from handlers.common.callbacks import Count, Id


class GalleryView(StrEnum):
    HOME = "h"
    DAY = "d"
    FILE = "f"
    """Send the photo's press copy (after the warning, for a photo that carries one)."""
    WARNED = "w"
    """Send it: the journalist has seen the content warning."""
    ADD = "a"
    """Organisers: upload a new photo."""


class GalleryCb(CallbackData, prefix="gal"):
    view: GalleryView
    day: str = ""
    page: Count = 0
    photo: Id = 0


class WithdrawCb(CallbackData, prefix="galw"):
    photo: Id


class PhotoChoice(StrEnum):
    KEEP_CAPTION = "cap"
    LICENCE = "lic"
    DAY = "day"
    CONSENT = "ok"
    NO_CONSENT = "nok"
    NO_WARNING = "nw"
    WARNING = "w"
    PUBLISH = "pub"
    DISCARD = "del"


class PhotoFormCb(CallbackData, prefix="phf"):
    """A button of one upload form: ``draft`` ties it to the form that made it."""

    draft: str
    choice: PhotoChoice
    value: str = ""


def day_keyboard(day: str) -> InlineKeyboardMarkup:
    """Under the notice of a day's photos: straight to them."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("📷 Open the photos"), callback_data=GalleryCb(view=GalleryView.DAY, day=day)
    )
    return builder.as_markup()
