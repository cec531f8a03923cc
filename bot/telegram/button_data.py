"""Button data parsed once per text, not once per handler that looks at it.

aiogram's ``CallbackData.filter()`` parses the pressed button's data (a pydantic model
built and validated) in every handler it is checked for: a session's button passed three
checks in the agenda router, three parses of the same text. ``parse_button_data_once``
swaps those filters for one that keeps what a text parsed to (or that it did not parse);
the answer is the same. Handlers never change their ``callback_data``, so one parsed value
serves every press of that button.
"""

from __future__ import annotations

from typing import Any, Literal

from aiogram import Router
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter
from aiogram.types import CallbackQuery

KEPT = 4096
"""Far more than a meeting's buttons; forged data cannot grow it past this."""
_parsed: dict[tuple[type[CallbackData], str], CallbackData | None] = {}


def parsed(kind: type[CallbackData], text: str) -> CallbackData | None:
    """``kind.unpack(text)``, kept; None for data that is not of ``kind``."""
    key = (kind, text)
    if key in _parsed:
        return _parsed[key]
    try:
        value: CallbackData | None = kind.unpack(text)
    except (TypeError, ValueError):
        value = None
    if len(_parsed) >= KEPT:
        _parsed.clear()
    _parsed[key] = value
    return value


class ParsedOnce(CallbackQueryFilter):
    """aiogram's ``CallbackQueryFilter`` with the parse kept."""

    async def __call__(self, query: CallbackQuery) -> Literal[False] | dict[str, Any]:
        if not isinstance(query, CallbackQuery) or not query.data:
            return False
        data = parsed(self.callback_data, query.data)
        if data is None:
            return False
        if self.rule is None or self.rule.resolve(data):
            return {"callback_data": data}
        return False


def parse_button_data_once(router: Router) -> int:
    """Swap the button data filters of ``router`` and its sub-routers; returns how many."""
    changed = 0
    for handler in router.callback_query.handlers:
        for filter_object in handler.filters or ():
            check = filter_object.callback
            if type(check) is CallbackQueryFilter:
                filter_object.callback = ParsedOnce(
                    callback_data=check.callback_data, rule=check.rule
                )
                changed += 1
    return changed + sum(parse_button_data_once(sub) for sub in router.sub_routers)
