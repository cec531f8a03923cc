"""The upload form's buttons: each answers its step only while that form waits for it
(``draft`` ties a button to its form), and a forged value is refused."""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.i18n import gettext as _

from bot.press.photo_values import CAPTION
from bot.press.photos import PhotoService
from handlers.common.views import show
from handlers.press.common import alert
from handlers.press.gallery.callbacks import GalleryCb, GalleryView, PhotoChoice, PhotoFormCb
from handlers.press.gallery.upload import (
    LICENCES,
    upload_button,
    upload_command,
    upload_form,
)

SIMPLE = {
    PhotoChoice.CONSENT: ("consent", True),
    PhotoChoice.NO_WARNING: ("warning", False),
    PhotoChoice.WARNING: ("warning", True),
    PhotoChoice.PUBLISH: ("confirm", True),
    PhotoChoice.DISCARD: ("confirm", False),
}


def out_of_date(data: dict[str, Any]) -> None:
    alert(data["callback_answer"], _("This button is out of date. Send /start for a fresh menu."))


async def simple_choice(
    callback: CallbackQuery, callback_data: PhotoFormCb, state: FSMContext, **data: Any
) -> None:
    field, value = SIMPLE[callback_data.choice]
    match = {"draft": callback_data.draft}
    await upload_form.choose(callback, state, field, value, data, match=match)


async def keep_caption(
    callback: CallbackQuery, callback_data: PhotoFormCb, state: FSMContext, **data: Any
) -> None:
    sent = str(((await state.get_data()).get("file") or {}).get("caption") or "")
    if not CAPTION.low <= len(sent) <= CAPTION.high:
        out_of_date(data)
        return
    match = {"draft": callback_data.draft}
    await upload_form.choose(callback, state, "caption", sent, data, match=match)


async def licence(
    callback: CallbackQuery, callback_data: PhotoFormCb, state: FSMContext, **data: Any
) -> None:
    names = {str(index): name for index, name in enumerate(LICENCES)}
    if callback_data.value not in names:
        out_of_date(data)
        return
    match = {"draft": callback_data.draft}
    await upload_form.choose(callback, state, "licence", names[callback_data.value], data, match)


async def day(
    callback: CallbackQuery, callback_data: PhotoFormCb, state: FSMContext, **data: Any
) -> None:
    photos: PhotoService = data["photos"]
    days = {d.isoformat() for d in await photos.days()}
    if callback_data.value not in days:
        out_of_date(data)
        return
    match = {"draft": callback_data.draft}
    await upload_form.choose(callback, state, "day", callback_data.value, data, match)


async def no_consent(
    callback: CallbackQuery, callback_data: PhotoFormCb, state: FSMContext, **data: Any
) -> None:
    """Without recorded consent the upload ends here, and nothing is kept."""
    if not await upload_form.still_open(
        callback, state, "consent", data, {"draft": callback_data.draft}
    ):
        return
    await state.clear()
    await show(
        callback,
        _(
            "Without recorded consent a photo cannot go to the press. Nothing was saved. "
            "Record the consent, then upload it again: /upload_photo"
        ),
    )


def setup(organisers: Router) -> None:
    organisers.message.register(upload_command, Command("upload_photo"))
    organisers.callback_query.register(upload_button, GalleryCb.filter(F.view == GalleryView.ADD))
    organisers.callback_query.register(simple_choice, PhotoFormCb.filter(F.choice.in_(set(SIMPLE))))
    organisers.callback_query.register(
        keep_caption, PhotoFormCb.filter(F.choice == PhotoChoice.KEEP_CAPTION)
    )
    organisers.callback_query.register(licence, PhotoFormCb.filter(F.choice == PhotoChoice.LICENCE))
    organisers.callback_query.register(day, PhotoFormCb.filter(F.choice == PhotoChoice.DAY))
    organisers.callback_query.register(
        no_consent, PhotoFormCb.filter(F.choice == PhotoChoice.NO_CONSENT)
    )
    upload_form.register(organisers)
