"""The gallery's notices in words: implements ``bot.press.media_notices.GalleryNotices``."""

from __future__ import annotations

import datetime as dt
from html import escape

from aiogram.utils.i18n import gettext as _

from bot.delivery import Outgoing
from bot.delivery.notify import Render
from bot.press.photo_values import Photo
from bot.time.display import day_heading
from handlers.press.gallery.callbacks import day_keyboard


class GalleryMessages:
    def photos_of_day(self, day: dt.date) -> Render:
        def render(language: str) -> Outgoing:
            text = _("📷 New photos in the press gallery: {day}.").format(
                day=escape(day_heading(day, language))
            )
            return Outgoing(0, text, day_keyboard(day.isoformat()))

        return render

    def consent_withdrawn(self, photo: Photo) -> Render:
        def render(language: str) -> Outgoing:
            text = _(
                "⛔ <b>Do not use this photo any more</b>: the person in it withdrew their "
                "consent. Delete your copy and take it down where you published it.\n"
                "{day} · {name}\n{caption}\nCredit: {credit}"
            ).format(
                day=escape(day_heading(photo.details.day, language)),
                name=escape(photo.copy.name),
                caption=escape(photo.details.caption),
                credit=escape(photo.details.credit),
            )
            return Outgoing(0, text)

        return render
