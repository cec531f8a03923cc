"""Button data of the daily summaries: reading, the document, and publishing one.

``PublishSummaryCb`` is what the press centre's menu shows to organisers: the press
centre uses this feature, never the other way round.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

from handlers.common.callbacks import Count


class SummaryCb(CallbackData, prefix="sum"):
    day: str = ""
    page: Count = 0


class SummaryDocCb(CallbackData, prefix="sdoc"):
    day: str


class PublishSummaryCb(CallbackData, prefix="psn"):
    """Starts the form that publishes a day's summary."""


class SummaryDayCb(CallbackData, prefix="psd"):
    day: str


class SummaryConfirmCb(CallbackData, prefix="spub"):
    draft: str
    publish: bool
