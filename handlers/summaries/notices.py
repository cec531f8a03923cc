"""The push of a published summary in words: implements ``SummaryNotices``."""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.delivery import Outgoing
from bot.delivery.notify import Render
from bot.summaries.values import Summary
from bot.telegram.html import shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading
from handlers.summaries.callbacks import SummaryDocCb, SummaryPdfCb


def document_keyboard(summary: Summary) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    day = summary.day.strftime("%Y%m%d")
    builder.button(text=_("📄 Document (.docx)"), callback_data=SummaryDocCb(day=day))
    builder.button(text=_("📄 PDF"), callback_data=SummaryPdfCb(day=day))
    return builder.as_markup()


def teaser(summary: Summary, language: str) -> str:
    first = summary.body.get(language).split("\n\n")[0]
    lines = [
        _("📝 <b>Daily summary</b>"),
        "",
        f"<b>{escape(summary.title.get(language))}</b>",
        f"<i>{escape(day_heading(summary.day, language))}</i>",
        "",
        escape(shorten(first, 1500)),
        "",
        _("The whole summary: /summary"),
    ]
    return "\n".join(lines)


class SummaryMessages:
    def published(self, summary: Summary) -> Render:
        def render(language: str) -> Outgoing:
            return Outgoing(0, teaser(summary, language), document_keyboard(summary))

        return render
