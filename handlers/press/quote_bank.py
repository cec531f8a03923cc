"""/quotes: the quote bank by speaker and by delegation, ready to paste."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.press.quote_bank import QuoteBankService, QuoteGroup
from bot.press.values import BankQuote
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.views import show
from handlers.press.callbacks import PressMenu, PressMenuCb, QuoteBankCb, QuotePageCb, QuoteView
from handlers.press.common import alert
from handlers.press.paging import navigation, page_mark, page_of

LISTS = frozenset({QuoteView.SPEAKERS, QuoteView.DELEGATIONS})
BY_SPEAKER = frozenset({QuoteView.SPEAKERS, QuoteView.SPEAKER})
GROUPS_PER_PAGE = 10
PAGE_LIMIT = 3500
"""Characters of one page's quotes: the heading comes on top."""


def bank_home() -> tuple[str, InlineKeyboardMarkup]:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("By speaker"), callback_data=QuoteBankCb(view=QuoteView.SPEAKERS))
    builder.button(text=_("By delegation"), callback_data=QuoteBankCb(view=QuoteView.DELEGATIONS))
    builder.button(text=_("« Press centre"), callback_data=PressMenuCb(item=PressMenu.HOME))
    builder.adjust(2, 1)
    text = _("<b>Quote bank</b>\nQuotes released for the press, ready to paste with the speaker.")
    return text, builder.as_markup()


def groups_view(
    groups: list[QuoteGroup], view: QuoteView, page: int, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    """A page of speakers (or delegations), a button each with their count of quotes."""
    one = QuoteView.SPEAKER if view is QuoteView.SPEAKERS else QuoteView.DELEGATION
    shown, page, pages = page_of(groups, page, GROUPS_PER_PAGE)
    builder = InlineKeyboardBuilder()
    for group in shown:
        builder.button(
            text=f"{shorten(group.label.get(language), 55)} ({len(group.quotes)})",
            callback_data=QuoteBankCb(view=one, key=group.key),
        )
    builder.adjust(1)
    builder.attach(navigation(page, pages, lambda target: QuotePageCb(view=view, page=target)))
    back = InlineKeyboardBuilder()
    back.button(text=_("« Quote bank"), callback_data=PressMenuCb(item=PressMenu.QUOTES))
    builder.attach(back)
    text = _("<b>Quote bank</b> — choose:") if groups else _("The quote bank is empty so far.")
    return text + (page_mark(page, pages) if groups else ""), builder.as_markup()


def quote_block(quote: BankQuote, language: str) -> str:
    """«…» — Name, role, organisation (date; source): what a journalist pastes."""
    attribution = [quote.speaker.get(language), quote.role.get(language)]
    if quote.organisation is not None:
        organisation = quote.organisation.get(language)
        if organisation.lower() not in quote.role.get(language).lower():
            attribution.append(organisation)
    source = f"{quote.said_on:%d.%m.%Y}; {quote.source.get(language)}"
    return (
        f"«{escape(quote.text.get(language))}»\n"
        f"— <b>{escape(', '.join(attribution))}</b>\n<i>{escape(source)}</i>"
    )


def group_view(
    group: QuoteGroup, view: QuoteView, page: int, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    """One speaker's (or delegation's) quotes, as many whole ones as fit a message a page."""
    back = QuoteView.SPEAKERS if view is QuoteView.SPEAKER else QuoteView.DELEGATIONS
    blocks = [quote_block(quote, language) for quote in group.quotes]
    pages = paginate(blocks, limit=PAGE_LIMIT, separator="\n\n")
    page = min(max(page, 0), len(pages) - 1)
    heading = f"<b>{escape(group.label.get(language))}</b>" + page_mark(page, len(pages))
    builder = navigation(
        page, len(pages), lambda target: QuotePageCb(view=view, key=group.key, page=target)
    )
    home = InlineKeyboardBuilder()
    home.button(text=_("« Back"), callback_data=QuoteBankCb(view=back))
    builder.attach(home)
    return f"{heading}\n\n{pages[page]}", builder.as_markup()


async def quotes_command(message: Message) -> None:
    text, markup = bank_home()
    await message.answer(text, reply_markup=markup)


async def quotes_button(callback: CallbackQuery) -> None:
    text, markup = bank_home()
    await show(callback, text, markup)


async def bank_page(
    callback: CallbackQuery,
    callback_answer: CallbackAnswer,
    view: QuoteView,
    key: str,
    page: int,
    *,
    user: User,
    quote_bank: QuoteBankService,
) -> None:
    by_speaker = view in BY_SPEAKER
    groups = await (quote_bank.by_speaker() if by_speaker else quote_bank.by_delegation())
    if view in LISTS:
        await show(callback, *groups_view(groups, view, page, user.language))
        return
    group = next((g for g in groups if g.key == key), None)
    if group is None:
        alert(callback_answer, _("There are no quotes for this choice any more."))
        return
    await show(callback, *group_view(group, view, page, user.language))


async def bank_view(
    callback: CallbackQuery,
    callback_data: QuoteBankCb,
    callback_answer: CallbackAnswer,
    user: User,
    quote_bank: QuoteBankService,
) -> None:
    view, key = callback_data.view, callback_data.key
    await bank_page(callback, callback_answer, view, key, 0, user=user, quote_bank=quote_bank)


async def bank_more(
    callback: CallbackQuery,
    callback_data: QuotePageCb,
    callback_answer: CallbackAnswer,
    user: User,
    quote_bank: QuoteBankService,
) -> None:
    data = callback_data
    await bank_page(
        callback, callback_answer, data.view, data.key, data.page, user=user, quote_bank=quote_bank
    )


def setup(public: Router, organisers: Router) -> None:
    public.message.register(quotes_command, Command("quotes"))
    public.callback_query.register(quotes_button, PressMenuCb.filter(F.item == PressMenu.QUOTES))
    public.callback_query.register(bank_view, QuoteBankCb.filter())
    public.callback_query.register(bank_more, QuotePageCb.filter())
