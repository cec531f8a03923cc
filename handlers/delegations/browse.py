"""/delegations: who takes part, paged, with a detail view for each body."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.content.pages import KeptPages
from bot.delegations.service import DelegationService
from bot.users.values import User
from handlers.common.callbacks import answer_callbacks
from handlers.common.views import show
from handlers.delegations.callbacks import DelegationCb, DelegationView
from handlers.delegations.views import View, detail_view, list_view
from handlers.start.menu import MenuCb, Section


async def list_page(
    delegations: DelegationService, pages: KeptPages, page: int, language: str
) -> View:
    """A page of the list: the same for every reader of a language."""

    async def build() -> View:
        return list_view(await delegations.participants(), page, language)

    return await pages.get(("delegations", language, page), build)


async def delegations_command(
    message: Message, user: User, delegations: DelegationService, pages: KeptPages
) -> None:
    text, markup = await list_page(delegations, pages, 0, user.language)
    await message.answer(text, reply_markup=markup)


async def list_button(
    callback: CallbackQuery,
    callback_data: MenuCb | DelegationCb,
    user: User,
    delegations: DelegationService,
    pages: KeptPages,
) -> None:
    """From the main menu (the first page) or a page arrow."""
    page = callback_data.page if isinstance(callback_data, DelegationCb) else 0
    await show(callback, *await list_page(delegations, pages, page, user.language))


async def detail_button(
    callback: CallbackQuery,
    *,
    callback_data: DelegationCb,
    callback_answer: CallbackAnswer,
    user: User,
    delegations: DelegationService,
) -> None:
    delegation = await delegations.get(callback_data.delegation)
    if delegation is None:
        callback_answer.text = _("This delegation is no longer on the list.")
        callback_answer.show_alert = True
        return
    await show(callback, *detail_view(delegation, callback_data.page, user.language))


def router() -> Router:
    router = Router(name="delegations")
    answer_callbacks(router)
    router.message.register(delegations_command, Command("delegations"), F.chat.type == "private")
    router.callback_query.register(list_button, MenuCb.filter(F.section == Section.DELEGATIONS))
    router.callback_query.register(list_button, DelegationCb.filter(F.view == DelegationView.LIST))
    router.callback_query.register(
        detail_button, DelegationCb.filter(F.view == DelegationView.DETAIL)
    )
    return router
