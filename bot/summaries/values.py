"""A day's summary as the services hand it out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.content.models import Text


@dataclass(frozen=True, slots=True)
class Summary:
    day: dt.date
    title: Text
    body: Text
    published_at: dt.datetime
