"""Anything no feature claimed: a short pointer to the menu, never silence."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from handlers.start.menu import main_menu


def router() -> Router:
    router = Router(name="fallback")

    @router.message(F.chat.type == "private", Command("cancel"))
    async def cancel_anything(message: Message, state: FSMContext) -> None:
        """A form no feature claimed (e.g. one from an older version): drop it."""
        if await state.get_state() is None:
            await message.answer(_("There is nothing to cancel."))
            return
        await state.clear()
        await message.answer(_("Cancelled."))

    @router.message(F.chat.type == "private", F.text.startswith("/"))
    async def unknown_command(message: Message) -> None:
        command = (message.text or "").split()[0][:64]
        await message.answer(
            _("I don't know the command {command}. Here is what I can do — or send /help.").format(
                command=escape(command)
            ),
            reply_markup=main_menu(),
        )

    @router.message(F.chat.type == "private")
    async def free_text(message: Message) -> None:
        await message.answer(
            _("I answer commands and buttons. Choose from the menu below, or send /help."),
            reply_markup=main_menu(),
        )

    @router.callback_query()
    async def stale_button(callback: CallbackQuery) -> None:
        await callback.answer(
            _("This button is out of date. Send /start for a fresh menu."), show_alert=True
        )

    return router
