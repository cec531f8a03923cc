"""Anything no feature claimed: a short pointer to the menu, never silence."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from handlers.common.callbacks import answer_callbacks
from handlers.start.menu import main_menu


async def cancel_anything(message: Message, state: FSMContext) -> None:
    """A form no feature claimed (e.g. one from an older version): drop it."""
    if await state.get_state() is None:
        await message.answer(_("There is nothing to cancel."))
        return
    await state.clear()
    await message.answer(_("Cancelled."))


async def unknown_command(message: Message) -> None:
    command = (message.text or "").split()[0][:64]
    await message.answer(
        _("I don't know the command {command}. Here is what I can do — or send /help.").format(
            command=escape(command)
        ),
        reply_markup=main_menu(),
    )


async def free_text(message: Message) -> None:
    await message.answer(
        _("I answer commands and buttons. Choose from the menu below, or send /help."),
        reply_markup=main_menu(),
    )


async def stale_button(callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """A button from an older menu, or forged data no feature's callback data accepts
    (an id past 64 bits among them): answered, nothing changed."""
    callback_answer.text = _("This button is out of date. Send /start for a fresh menu.")
    callback_answer.show_alert = True


def router() -> Router:
    router = Router(name="fallback")
    router.message.filter(F.chat.type == "private")
    answer_callbacks(router)
    router.message.register(cancel_anything, Command("cancel"))
    router.message.register(unknown_command, F.text.startswith("/"))
    router.message.register(free_text)
    router.callback_query.register(stale_button)
    return router
