"""The press gallery in chat: /photos for journalists, /upload_photo for organisers.

What journalists may do, then one organisers' sub-router with the filter set once, then
one refusal for everyone else at the organisers' command and buttons. The services check
the acting user again (the gallery is for journalists and organisers only).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.users.values import Role
from handlers.common.access import organisers_only, refusal
from handlers.common.callbacks import answer_callbacks
from handlers.press.common import alert
from handlers.press.gallery import browse, upload_buttons
from handlers.press.gallery.callbacks import GalleryCb, GalleryView, PhotoFormCb, WithdrawCb


async def refuse_command(message: Message) -> None:
    await message.answer(refusal(Role.ORGANISER))


async def refuse_button(_callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, refusal(Role.ORGANISER))


def refusals() -> Router:
    router = Router(name="press_gallery_refusals")
    router.message.register(refuse_command, Command("upload_photo"))
    router.callback_query.register(refuse_button, GalleryCb.filter(F.view == GalleryView.ADD))
    router.callback_query.register(refuse_button, PhotoFormCb.filter())
    router.callback_query.register(refuse_button, WithdrawCb.filter())
    return router


def router() -> Router:
    gallery = Router(name="press_gallery")
    gallery.message.filter(F.chat.type == "private")
    organisers = organisers_only("press_gallery_organisers")
    browse.setup(gallery, organisers)
    upload_buttons.setup(organisers)
    gallery.include_routers(organisers, refusals())
    answer_callbacks(gallery)
    return gallery
