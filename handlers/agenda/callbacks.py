"""The programme's buttons: typed callback data with bounded ids, and the day key they carry.

Other features link into the programme (a reminder's «Session details», a summary's day)
through these names; the packed forms are unchanged, so buttons already sent keep working.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData

from handlers.common.callbacks import Count, Id


class AgendaView(StrEnum):
    DAYS = "days"
    DAY = "day"
    SESSION = "s"
    SESSION_BELOW = "sb"
    """The session in a new message: from a reminder or notice, which must stay readable."""


class AgendaCb(CallbackData, prefix="ag"):
    view: AgendaView
    day: str = ""
    session: Id = 0
    page: Count = 0


class CalendarCb(CallbackData, prefix="ics"):
    session: Id
    """A session's id, or 0 for the whole programme."""


def day_key(date: dt.date) -> str:
    return date.strftime("%Y%m%d")


def parse_day_key(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None
