"""aiogram's inline keyboard builder without its quadratic copying.

aiogram's ``KeyboardBuilder.add`` deep-copies the whole markup for every button it adds
(``export()`` is a ``deepcopy``), so a 12-button keyboard costs dozens of pydantic deep
copies: in ``bench/throughput.py`` that was the bot's largest cost per update. Our
handlers never change a button after adding it, so rows are copied shallowly instead.
Same API: import ``InlineKeyboardBuilder`` from here instead of ``aiogram.utils.keyboard``.
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton
from aiogram.utils import keyboard


class InlineKeyboardBuilder(keyboard.InlineKeyboardBuilder):
    def export(self) -> list[list[InlineKeyboardButton]]:
        return [list(row) for row in self._markup]
