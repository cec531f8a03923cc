"""Button data of the daily summaries (reading, the document, publishing), and alerts.

``PublishSummaryCb`` is what the press centre's menu shows to organisers: the press
centre uses this feature, never the other way round.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.utils.callback_answer import CallbackAnswer

from handlers.common.callbacks import Count


class SummaryCb(CallbackData, prefix="sum"):
    day: str = ""
    page: Count = 0


class SummaryDocCb(CallbackData, prefix="sdoc"):
    day: str


class SummaryPdfCb(CallbackData, prefix="spdf"):
    """The PDF beside the DOCX: a class of its own, so buttons already sent keep working."""

    day: str


class PublishSummaryCb(CallbackData, prefix="psn"):
    """Starts the form that publishes a day's summary."""


class SummaryDayCb(CallbackData, prefix="psd"):
    day: str


class SummaryConfirmCb(CallbackData, prefix="spub"):
    draft: str
    publish: bool


def alert(answer: CallbackAnswer, text: str) -> None:
    """A clear alert that changes nothing (the callback is answered after the handler)."""
    answer.text = text
    answer.show_alert = True
