"""The printed programme's words, translated and ready to lay out (``pdf_layout.py``).

Apart from the layout so that building them does not import fpdf2: the bot imports the
document libraries with the first document asked for (tests/test_start_up_imports.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    time: str
    title: str
    details: tuple[str, ...]
    mark: str
    gone: bool = False


@dataclass(frozen=True, slots=True)
class PrintedDay:
    heading: str
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Printed:
    """Every word of one language's programme, ready to lay out."""

    language: str
    title: str
    subtitle: str
    zone: str
    legend: str
    as_of: str
    page_label: str
    days: tuple[PrintedDay, ...]
