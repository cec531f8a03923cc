"""/summary: the daily summary of a chosen day, in pages and as a document."""

from __future__ import annotations

import datetime as dt
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from babel.dates import format_date

from bot.agenda.service import AgendaService
from bot.content.models import Event
from bot.content.pages import KeptPages
from bot.press.documents import (
    DocumentFormat,
    DocumentText,
    build_docx,
    build_pdf,
    contact_lines,
    masthead,
)
from bot.summaries.service import SummaryDay, SummaryService
from bot.summaries.values import Summary
from bot.telegram.html import CAPTION_LIMIT, paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading, day_label, short_day
from bot.users.values import User
from handlers.agenda.browse import day_key, parse_day_key
from handlers.common.views import show
from handlers.start.menu import MenuCb, Section
from handlers.summaries.callbacks import SummaryCb, SummaryDocCb, SummaryPdfCb, alert


def days_view(days: list[SummaryDay], language: str) -> tuple[str, InlineKeyboardMarkup]:
    builder = InlineKeyboardBuilder()
    for entry in days:
        label = short_day(entry.day.date, language)
        if not entry.published:
            label += " · " + _("not yet published")
        builder.button(text=label, callback_data=SummaryCb(day=day_key(entry.day.date)))
    builder.button(text=_("« Menu"), callback_data=MenuCb(section=Section.HOME))
    builder.adjust(1)
    return _("<b>Daily summaries</b>\nChoose a day:"), builder.as_markup()


def summary_view(summary: Summary, page: int, language: str) -> tuple[str, InlineKeyboardMarkup]:
    header = [
        f"<b>{escape(summary.title.get(language))}</b>",
        f"<i>{escape(day_heading(summary.day, language))}</i>",
        "",
    ]
    paragraphs = [escape(p) for p in summary.body.get(language).split("\n\n")]
    pages = paginate(paragraphs, limit=3800, separator="\n\n")
    page = min(max(page, 0), len(pages) - 1)
    builder = InlineKeyboardBuilder()
    key = day_key(summary.day)
    if page > 0:
        builder.button(text="‹", callback_data=SummaryCb(day=key, page=page - 1))
    if page < len(pages) - 1:
        builder.button(text="›", callback_data=SummaryCb(day=key, page=page + 1))
    builder.button(text=_("📄 Document (.docx)"), callback_data=SummaryDocCb(day=key))
    builder.button(text=_("📄 PDF"), callback_data=SummaryPdfCb(day=key))
    builder.button(text=_("« Days"), callback_data=MenuCb(section=Section.SUMMARY))
    footer = f"\n\n{page + 1}/{len(pages)}" if len(pages) > 1 else ""
    return "\n".join(header) + pages[page] + footer, builder.as_markup()


def not_published(day: dt.date, language: str) -> tuple[str, InlineKeyboardMarkup]:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("« Days"), callback_data=MenuCb(section=Section.SUMMARY))
    text = _("The summary of {day} has not been published yet.").format(
        day=escape(day_label(day, language))
    )
    return text, builder.as_markup()


def summary_document(
    summary: Summary, event: Event, language: str, fmt: DocumentFormat = DocumentFormat.DOCX
) -> bytes:
    date = format_date(summary.day, "d MMMM y", locale=language)
    text = DocumentText(
        title=summary.title.get(language),
        dateline=f"{event.city.get(language)}, {date}",
        body=summary.body.get(language),
        contacts_heading=_("Press contacts"),
        contacts=tuple(contact_lines(event, language, _("(example contact)"))),
        kind=_("Daily summary"),
        masthead=masthead(event, language),
        page_label=_("Page {page} of {pages}"),
        language=language,
    )
    return build_pdf(text) if fmt is DocumentFormat.PDF else build_docx(text)


async def days_page(
    summaries: SummaryService, pages: KeptPages, language: str
) -> tuple[str, InlineKeyboardMarkup]:
    """The days and which are published: the same for every reader of a language."""

    async def build() -> tuple[str, InlineKeyboardMarkup]:
        return days_view(await summaries.days(), language)

    return await pages.get(("summaries.days", language), build)


async def summary_command(
    message: Message, user: User, summaries: SummaryService, pages: KeptPages
) -> None:
    text, markup = await days_page(summaries, pages, user.language)
    await message.answer(text, reply_markup=markup)


async def days_button(
    callback: CallbackQuery, user: User, summaries: SummaryService, pages: KeptPages
) -> None:
    await show(callback, *await days_page(summaries, pages, user.language))


async def summary_button(
    callback: CallbackQuery,
    callback_data: SummaryCb,
    callback_answer: CallbackAnswer,
    user: User,
    summaries: SummaryService,
) -> None:
    day = parse_day_key(callback_data.day)
    if day is None or not await summaries.is_meeting_day(day):
        alert(callback_answer, _("This day is not in the programme."))
        return
    summary = await summaries.for_day(day)
    if summary is None:
        text, markup = not_published(day, user.language)
    else:
        text, markup = summary_view(summary, callback_data.page, user.language)
    await show(callback, text, markup)


async def summary_file(
    _callback: CallbackQuery,
    callback_data: SummaryDocCb | SummaryPdfCb,
    callback_answer: CallbackAnswer,
    user: User,
    summaries: SummaryService,
    agenda: AgendaService,
    bot: Bot,
) -> None:
    day = parse_day_key(callback_data.day)
    summary = await summaries.for_day(day) if day else None
    if summary is None:
        alert(callback_answer, _("This summary has not been published."))
        return
    fmt = DocumentFormat.PDF if isinstance(callback_data, SummaryPdfCb) else DocumentFormat.DOCX
    payload = summary_document(summary, await agenda.event(), user.language, fmt)
    await bot.send_document(
        user.id,
        BufferedInputFile(payload, filename=f"summary-{summary.day.isoformat()}.{fmt.value}"),
        caption=escape(shorten(summary.title.get(user.language), CAPTION_LIMIT - 10)),
    )


def setup(public: Router, organisers: Router) -> None:
    public.message.register(summary_command, Command("summary"))
    public.callback_query.register(days_button, MenuCb.filter(F.section == Section.SUMMARY))
    public.callback_query.register(summary_button, SummaryCb.filter())
    public.callback_query.register(summary_file, SummaryDocCb.filter())
    public.callback_query.register(summary_file, SummaryPdfCb.filter())
