"""Paging the press centre's long lists to their end: a page's slice and its ‹ › row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from aiogram.filters.callback_data import CallbackData

from bot.telegram.keyboard import InlineKeyboardBuilder

T = TypeVar("T")


def page_of(items: Sequence[T], page: int, size: int) -> tuple[Sequence[T], int, int]:
    """The items on ``page`` (clamped to the pages there are), the page and the count of
    pages: a page number from an old button past the end shows the last page."""
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 0), pages - 1)
    return items[page * size : (page + 1) * size], page, pages


def page_mark(page: int, pages: int) -> str:
    """« · 2/5» after a heading, nothing for a single page."""
    return f" · {page + 1}/{pages}" if pages > 1 else ""


def navigation(page: int, pages: int, to: Callable[[int], CallbackData]) -> InlineKeyboardBuilder:
    """‹ and › to the neighbouring pages (none beyond the first and the last)."""
    nav = InlineKeyboardBuilder()
    for target, arrow in ((page - 1, "‹"), (page + 1, "›")):
        if 0 <= target < pages:
            nav.button(text=arrow, callback_data=to(target))
    return nav
