"""Dates and times as people at the meeting read them, in their language (Babel).

A meeting has a handful of days and two languages, and Babel formats a date in tens of
microseconds: the day labels are kept once made (``lru_cache``; dates are hashable)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_interval

from bot.content.models import Text


@lru_cache(maxsize=512)
def day_label(date: dt.date, language: str) -> str:
    """«пятница, 5 сентября» / «Friday, 5 September»."""
    return format_date(date, "EEEE, d MMMM", locale=language)


@lru_cache(maxsize=512)
def day_heading(date: dt.date, language: str) -> str:
    """«Пятница, 5 сентября»: a day label that starts a line."""
    label = day_label(date, language)
    return label[:1].upper() + label[1:]


@lru_cache(maxsize=512)
def date_span(first: dt.date, last: dt.date, language: str) -> str:
    """«5—6 сент. 2025 г.» / «Sep 5 – 6, 2025»; a one-day span shows the day once."""
    return format_interval(first, last, "yMMMd", locale=language)


@lru_cache(maxsize=512)
def short_day(date: dt.date, language: str) -> str:
    """«Пт, 5 сентября» / «Fri, 5 September», for buttons."""
    label = format_date(date, "EEE, d MMMM", locale=language)
    return label[:1].upper() + label[1:]


def clock_time(moment: dt.datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


def time_range(start: dt.datetime, end: dt.datetime, zone: ZoneInfo) -> str:
    return f"{clock_time(start, zone)}–{clock_time(end, zone)}"


def utc_offset(zone: ZoneInfo, at: dt.datetime) -> str:
    """«UTC+5», «UTC+5:30», «UTC−3» for the zone at that moment."""
    offset = at.astimezone(zone).utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(name: Text | None, zone: ZoneInfo, at: dt.datetime, language: str) -> str:
    """«Ashgabat time, UTC+5»: the zone is always named next to a time."""
    offset = utc_offset(zone, at)
    if name is None:
        return f"{zone.key}, {offset}"
    return f"{name.get(language)}, {offset}"
