"""/photos: journalists browse the gallery by day and get each photo as a file."""

from __future__ import annotations

import datetime as dt

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.press.photos import PhotoService
from bot.users.values import User
from handlers.common.views import show
from handlers.press.common import alert
from handlers.press.gallery.callbacks import GalleryCb, GalleryView, WithdrawCb
from handlers.press.gallery.views import (
    day_view,
    document_caption,
    home_view,
    warning_view,
    withdraw_keyboard,
)


def gone() -> str:
    return _("This photo is no longer in the gallery.")


async def photos_command(message: Message, user: User, photos: PhotoService) -> None:
    text, markup = home_view(await photos.gallery(user), user.is_organiser, user.language)
    await message.answer(text, reply_markup=markup)


async def home_button(callback: CallbackQuery, user: User, photos: PhotoService) -> None:
    text, markup = home_view(await photos.gallery(user), user.is_organiser, user.language)
    await show(callback, text, markup)


async def meeting_day(photos: PhotoService, value: str) -> dt.date | None:
    """The day a button names, if it is one of the meeting's (a forged one is not)."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if day in await photos.days() else None


async def day_page(
    callback: CallbackQuery,
    callback_data: GalleryCb,
    callback_answer: CallbackAnswer,
    user: User,
    photos: PhotoService,
) -> None:
    day = await meeting_day(photos, callback_data.day)
    if day is None:
        alert(callback_answer, _("This button is out of date. Send /start for a fresh menu."))
        return
    shown = await photos.of_day(user, day)
    text, markup = day_view(day, shown, callback_data.page, user.language)
    await show(callback, text, markup)


async def photo_file(
    callback: CallbackQuery,
    *,
    callback_data: GalleryCb,
    callback_answer: CallbackAnswer,
    user: User,
    photos: PhotoService,
    bot: Bot,
) -> None:
    """The press copy, by its file_id; a photo with a content warning asks first."""
    photo = await photos.photo(user, callback_data.photo)
    if photo is None:
        alert(callback_answer, gone())
        return
    if photo.details.content_warning and callback_data.view is GalleryView.FILE:
        text, markup = warning_view(photo, callback_data.page, user.language)
        await show(callback, text, markup)
        return
    await bot.send_document(
        user.id,
        photo.copy.file.file_id,
        caption=document_caption(photo, user.language),
        reply_markup=withdraw_keyboard(photo.id) if user.is_organiser else None,
    )
    await photos.received(user, photo.id)
    callback_answer.text = _("The file is below.")


async def withdraw(
    callback: CallbackQuery,
    callback_data: WithdrawCb,
    callback_answer: CallbackAnswer,
    user: User,
    photos: PhotoService,
) -> None:
    if not await photos.withdraw(user, callback_data.photo):
        alert(callback_answer, _("This photo is not in the gallery (already withdrawn?)."))
        return
    alert(callback_answer, _("Withdrawn: journalists no longer see this photo."))
    if isinstance(callback.message, Message):
        await callback.message.edit_reply_markup(reply_markup=None)


def setup(public: Router, organisers: Router) -> None:
    public.message.register(photos_command, Command("photos"))
    public.callback_query.register(home_button, GalleryCb.filter(F.view == GalleryView.HOME))
    public.callback_query.register(day_page, GalleryCb.filter(F.view == GalleryView.DAY))
    public.callback_query.register(
        photo_file, GalleryCb.filter(F.view.in_({GalleryView.FILE, GalleryView.WARNED}))
    )
    organisers.callback_query.register(withdraw, WithdrawCb.filter())
