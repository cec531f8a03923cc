"""/requests: a journalist's own quote requests and their state, newest first, paged to the
oldest. Only one's own: the service hands out nobody else's."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.content.models import Event
from bot.press.quote_requests import QuoteRequestService
from bot.press.values import QuoteRequest
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.views import show
from handlers.press.callbacks import MinePageCb, PressMenu, PressMenuCb
from handlers.press.paging import navigation, page_mark
from handlers.press.views import request_card

PAGE_LIMIT = 3500
"""Characters of one page's cards: the heading comes on top."""


def mine_card(request: QuoteRequest, event: Event, language: str) -> str:
    block = request_card(request, event, language)
    if request.answer:
        block += "\n" + _("Answer: {text}").format(text=escape(shorten(request.answer, 300)))
    if request.decline_reason:
        block += "\n" + _("Reason: {reason}").format(reason=escape(request.decline_reason))
    return block


def mine_view(
    requests: list[QuoteRequest], page: int, event: Event, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    """As many whole cards as fit a message on each page; ‹ › to the others."""
    builder = InlineKeyboardBuilder()
    if not requests:
        text = _("You have no quote requests yet. Ask with /ask.")
        builder.button(text=_("« Press centre"), callback_data=PressMenuCb(item=PressMenu.HOME))
        return text, builder.as_markup()
    cards = [mine_card(request, event, language) for request in requests]
    pages = paginate(cards, limit=PAGE_LIMIT, separator="\n\n")
    page = min(max(page, 0), len(pages) - 1)
    heading = _("<b>My quote requests</b>") + page_mark(page, len(pages))
    builder.attach(navigation(page, len(pages), lambda target: MinePageCb(page=target)))
    home = InlineKeyboardBuilder()
    home.button(text=_("« Press centre"), callback_data=PressMenuCb(item=PressMenu.HOME))
    builder.attach(home)
    return f"{heading}\n\n{pages[page]}", builder.as_markup()


async def listing(
    user: User, page: int, quote_requests: QuoteRequestService, agenda: AgendaService
) -> tuple[str, InlineKeyboardMarkup]:
    requests = await quote_requests.mine(user)
    return mine_view(requests, page, await agenda.event(), user.language)


async def requests_command(
    message: Message, user: User, quote_requests: QuoteRequestService, agenda: AgendaService
) -> None:
    text, markup = await listing(user, 0, quote_requests, agenda)
    await message.answer(text, reply_markup=markup)


async def requests_button(
    callback: CallbackQuery, user: User, quote_requests: QuoteRequestService, agenda: AgendaService
) -> None:
    await show(callback, *await listing(user, 0, quote_requests, agenda))


async def requests_page(
    callback: CallbackQuery,
    callback_data: MinePageCb,
    user: User,
    quote_requests: QuoteRequestService,
    agenda: AgendaService,
) -> None:
    await show(callback, *await listing(user, callback_data.page, quote_requests, agenda))


def setup(public: Router, organisers: Router) -> None:
    public.message.register(requests_command, Command("requests"))
    public.callback_query.register(requests_button, PressMenuCb.filter(F.item == PressMenu.MINE))
    public.callback_query.register(requests_page, MinePageCb.filter())
