"""The press menu's way into the gallery and the interview desk (journalists, organisers)."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import Role, User
from handlers.press.gallery.callbacks import GalleryCb, GalleryView
from handlers.press.interviews.callbacks import InterviewsCb, InterviewsView


def add_media_buttons(builder: InlineKeyboardBuilder, user: User, accredited: bool) -> None:
    if not (accredited or user.role is Role.PRESS or user.is_organiser):
        return
    builder.button(text=_("📷 Press photos"), callback_data=GalleryCb(view=GalleryView.HOME))
    builder.button(text=_("🎙 Interviews"), callback_data=InterviewsCb(view=InterviewsView.HOME))
