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
from handlers.press.callbacks import PressMenu, PressMenuCb, QuoteBankCb, QuoteView
from handlers.press.common import alert

LISTS = frozenset({QuoteView.SPEAKERS, QuoteView.DELEGATIONS})
BY_SPEAKER = frozenset({QuoteView.SPEAKERS, QuoteView.SPEAKER})


def bank_home() -> tuple[str, InlineKeyboardMarkup]:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("By speaker"), callback_data=QuoteBankCb(view=QuoteView.SPEAKERS))
    builder.button(text=_("By delegation"), callback_data=QuoteBankCb(view=QuoteView.DELEGATIONS))
    builder.button(text=_("« Press centre"), callback_data=PressMenuCb(item=PressMenu.HOME))
    builder.adjust(2, 1)
    text = _("<b>Quote bank</b>\nQuotes released for the press, ready to paste with the speaker.")
    return text, builder.as_markup()


def groups_view(
    groups: list[QuoteGroup], view: QuoteView, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    one = QuoteView.SPEAKER if view is QuoteView.SPEAKERS else QuoteView.DELEGATION
    builder = InlineKeyboardBuilder()
    for group in groups:
        builder.button(
            text=f"{shorten(group.label.get(language), 55)} ({len(group.quotes)})",
            callback_data=QuoteBankCb(view=one, key=group.key),
        )
    builder.button(text=_("« Quote bank"), callback_data=PressMenuCb(item=PressMenu.QUOTES))
    builder.adjust(1)
    text = _("<b>Quote bank</b> — choose:") if groups else _("The quote bank is empty so far.")
    return text, builder.as_markup()


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
    group: QuoteGroup, by_speaker: bool, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    back = QuoteView.SPEAKERS if by_speaker else QuoteView.DELEGATIONS
    builder = InlineKeyboardBuilder()
    builder.button(text=_("« Back"), callback_data=QuoteBankCb(view=back))
    blocks = [f"<b>{escape(group.label.get(language))}</b>"]
    blocks += [quote_block(quote, language) for quote in group.quotes]
    return paginate(blocks, separator="\n\n")[0], builder.as_markup()


async def quotes_command(message: Message) -> None:
    text, markup = bank_home()
    await message.answer(text, reply_markup=markup)


async def quotes_button(callback: CallbackQuery) -> None:
    text, markup = bank_home()
    await show(callback, text, markup)


async def bank_view(
    callback: CallbackQuery,
    callback_data: QuoteBankCb,
    callback_answer: CallbackAnswer,
    user: User,
    quote_bank: QuoteBankService,
) -> None:
    by_speaker = callback_data.view in BY_SPEAKER
    groups = await (quote_bank.by_speaker() if by_speaker else quote_bank.by_delegation())
    if callback_data.view in LISTS:
        text, markup = groups_view(groups, callback_data.view, user.language)
        await show(callback, text, markup)
        return
    group = next((g for g in groups if g.key == callback_data.key), None)
    if group is None:
        alert(callback_answer, _("There are no quotes for this choice any more."))
        return
    text, markup = group_view(group, by_speaker, user.language)
    await show(callback, text, markup)


def setup(public: Router, organisers: Router) -> None:
    public.message.register(quotes_command, Command("quotes"))
    public.callback_query.register(quotes_button, PressMenuCb.filter(F.item == PressMenu.QUOTES))
    public.callback_query.register(bank_view, QuoteBankCb.filter())
