"""How the gallery reads in chat: the days, a day's page, a photo's caption, the preview.

Every function returns HTML with all data escaped, in the language active in the i18n
context.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.press.photo_values import Photo, PhotoDetails
from bot.telegram.html import shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading, short_day
from handlers.press.callbacks import PressMenu, PressMenuCb
from handlers.press.gallery.callbacks import GalleryCb, GalleryView, WithdrawCb

PAGE_SIZE = 5


def warning_line() -> str:
    return _("⚠️ Content warning: this photo may be distressing.")


def details_lines(details: PhotoDetails, language: str) -> list[str]:
    """Caption, credit, licence and day: what goes with the photo wherever it is shown."""
    lines = [warning_line(), ""] if details.content_warning else []
    lines += [
        escape(details.caption),
        "",
        _("📷 Credit: {credit}").format(credit=escape(details.credit)),
        _("⚖ Licence: {licence}").format(licence=escape(details.licence)),
        escape(day_heading(details.day, language)),
    ]
    return lines


def document_caption(photo: Photo, language: str) -> str:
    """The caption of the file journalists get: under Telegram's 1024 characters, as the
    caption, credit and licence are bounded (see ``bot.press.photo_values``)."""
    return "\n".join(details_lines(photo.details, language))


def home_view(
    days: list[tuple[dt.date, int]], organiser: bool, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    text = "\n".join(
        [
            _("<b>Press photos</b>"),
            _(
                "Photos of the meeting with their credit and licence, as files in full "
                "quality. Please print the credit with the photo. Choose a day:"
            ),
        ]
    )
    builder = InlineKeyboardBuilder()
    for day, count in days:
        builder.button(
            text=f"{short_day(day, language)} · {count}",
            callback_data=GalleryCb(view=GalleryView.DAY, day=day.isoformat()),
        )
    if organiser:
        builder.button(text=_("➕ Add a photo"), callback_data=GalleryCb(view=GalleryView.ADD))
    builder.button(text=_("« Press centre"), callback_data=PressMenuCb(item=PressMenu.HOME))
    builder.adjust(1)
    return text, builder.as_markup()


def day_view(
    day: dt.date, photos: list[Photo], page: int, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    """One page of a day's photos; a page past the end shows the last one."""
    pages = max(1, -(-len(photos) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    first = page * PAGE_SIZE
    heading = _("<b>Press photos</b> · {day}").format(day=escape(day_heading(day, language)))
    lines = [heading + (f" · {page + 1}/{pages}" if pages > 1 else ""), ""]
    if not photos:
        lines.append(_("No photos of this day yet."))
    files = InlineKeyboardBuilder()
    for number, photo in enumerate(photos[first : first + PAGE_SIZE], start=first + 1):
        mark = "⚠️ " if photo.details.content_warning else ""
        lines.append(f"{number}. {mark}{escape(shorten(photo.details.caption, 160))}")
        lines.append(
            "    "
            + _("📷 {credit} · ⚖ {licence}").format(
                credit=escape(photo.details.credit), licence=escape(photo.details.licence)
            )
        )
        files.button(
            text=f"📥 {number}",
            callback_data=GalleryCb(
                view=GalleryView.FILE, day=day.isoformat(), page=page, photo=photo.id
            ),
        )
    if photos:
        lines += ["", _("Press a number to get the photo as a file.")]
    nav = InlineKeyboardBuilder()
    for target, arrow in ((page - 1, "‹"), (page + 1, "›")):
        if 0 <= target < pages:
            nav.button(
                text=arrow,
                callback_data=GalleryCb(view=GalleryView.DAY, day=day.isoformat(), page=target),
            )
    nav.button(text=_("« Days"), callback_data=GalleryCb(view=GalleryView.HOME))
    files.adjust(PAGE_SIZE)
    files.attach(nav)
    return "\n".join(lines), files.as_markup()


def warning_view(photo: Photo, page: int, language: str) -> tuple[str, InlineKeyboardMarkup]:
    """Asked before a photo with a content warning is sent."""
    day = photo.details.day.isoformat()
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("Get the file"),
        callback_data=GalleryCb(view=GalleryView.WARNED, day=day, page=page, photo=photo.id),
    )
    builder.button(
        text=_("« Back"), callback_data=GalleryCb(view=GalleryView.DAY, day=day, page=page)
    )
    text = "\n".join([f"<b>{warning_line()}</b>", "", escape(shorten(photo.details.caption, 300))])
    return text, builder.as_markup()


def withdraw_keyboard(photo_id: int) -> InlineKeyboardMarkup:
    """Under the file an organiser gets: take the photo out of the gallery."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("🗑 Withdraw from the gallery"), callback_data=WithdrawCb(photo=photo_id))
    return builder.as_markup()
