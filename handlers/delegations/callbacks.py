"""The participants list's buttons: a page, or one delegation seen from a page."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from handlers.common.callbacks import Count, Id


class DelegationView(StrEnum):
    LIST = "list"
    DETAIL = "one"


class DelegationCb(CallbackData, prefix="dl"):
    view: DelegationView
    page: Count = 0
    delegation: Id = 0
