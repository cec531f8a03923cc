"""How values cross the SQL boundary: UTC ISO 8601 strings and JSON for localised text."""

from __future__ import annotations

import datetime as dt
import json

from bot.content.models import Text


def utc_text(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("naive datetimes are ambiguous; pass an aware one")
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def utc_from(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value).astimezone(dt.UTC)


def text_json(text: Text | None) -> str | None:
    return None if text is None else json.dumps(text.model_dump(), ensure_ascii=False)


def text_from(value: str | None) -> Text | None:
    return None if value is None else Text.model_validate_json(value)


def required_text(value: str) -> Text:
    return Text.model_validate_json(value)
