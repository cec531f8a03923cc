"""Press material as a PDF laid out like a press office's paper (fpdf2, Fira Sans).

Every page carries the event and its organiser at the top and, while a release is
embargoed, the embargo in a red band under them; then the kind of document, the title,
date and place, the body, any further sections, and the press office's contacts.

The font is Fira Sans (SIL Open Font License) from the ``fontpkg-fira-sans`` package on
PyPI, so ``pip install`` is all a machine needs: it covers Russian and the other Cyrillic
alphabets of the CIS, and the Latin ones (Turkmen, Azerbaijani ə, Uzbek ʻ) besides English.
A character it lacks (an emoji, Armenian or Georgian script) is left out of the PDF rather
than drawn as a box; the DOCX keeps every character.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from bot.press.documents import Block, DocumentText

FONT = "FiraSans"
STYLES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
RED = (176, 22, 36)
GREY = (96, 96, 96)
LIGHT = (242, 242, 242)
MARGIN = 20.0
LINE = 5.6
"""Millimetres from one body line to the next (11 pt text)."""
KEEP_WITH_HEADING = 22.0
"""Millimetres a heading needs below it (itself and two lines) to stay on its page."""
_SPACES = re.compile(r"[ \t]{2,}")


@cache
def font_files() -> dict[str, Path]:
    root = files("fontpkg_fira_sans") / "files"
    return {style: Path(str(root / f"FiraSans-{name}.ttf")) for style, name in STYLES.items()}


class _Paper(FPDF):
    """An A4 page with the masthead (and the embargo band) on top, the page number below."""

    def __init__(self, text: DocumentText) -> None:
        super().__init__(format="A4")
        self.doc = text
        for style, path in font_files().items():
            self.add_font(FONT, style, path)
        font = self.fonts[FONT.lower()]
        assert isinstance(font, TTFFont)
        self._glyphs = frozenset(font.cmap)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=20)
        self.alias_nb_pages("{pages}")

    def printable(self, value: str) -> str:
        """``value`` without the characters the font cannot draw (see the module's note)."""
        kept = "".join(ch for ch in value if ch == "\n" or ord(ch) in self._glyphs)
        return _SPACES.sub(" ", kept).strip()

    def write_lines(self, height: float, value: str, **options: Any) -> None:
        """``value`` wrapped between the margins (left-aligned unless told otherwise); the
        cursor goes to the left margin below it."""
        self.multi_cell(
            0,
            height,
            self.printable(value),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
            **{"align": "L", **options},
        )

    def header(self) -> None:
        self.set_y(10)
        self.set_text_color(*GREY)
        for index, line in enumerate(self.doc.masthead):
            self.set_font(FONT, "B" if index == 0 else "", 8.5 if index == 0 else 8)
            self.write_lines(4, line)
        self.set_draw_color(*RED)
        self.set_line_width(0.6)
        self.line(MARGIN, self.get_y() + 1.5, self.w - MARGIN, self.get_y() + 1.5)
        self.set_y(self.get_y() + 4)
        if self.doc.banner:
            self.set_fill_color(*RED)
            self.set_text_color(255, 255, 255)
            self.set_font(FONT, "B", 11)
            self.write_lines(8, self.doc.banner, fill=True, align="C", padding=(1, 2))
            self.ln(3)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        label = self.doc.page_label.format(page=self.page_no(), pages="{pages}")
        self.cell(0, 5, self.printable(label), align="R")

    def paragraph(self, value: str, *, size: float = 11, style: str = "", gap: float = 3) -> None:
        self.set_font(FONT, style, size)
        self.write_lines(LINE * size / 11, value)
        self.ln(gap)

    def keep_room(self, height: float) -> None:
        """A new page unless ``height`` mm still fit: no heading alone at a page's foot."""
        if self.will_page_break(height):
            self.add_page()

    def block(self, block: Block) -> None:
        self.ln(2)
        self.keep_room(KEEP_WITH_HEADING)
        self.paragraph(block.heading, size=12.5, style="B", gap=1.5)
        for line in block.lines:
            if not block.bulleted:
                self.paragraph(line, gap=2)
                continue
            self.set_font(FONT, "", 11)
            self.cell(6, LINE, "•")
            self.write_lines(LINE, line)
            self.ln(1.5)

    def contacts(self) -> None:
        self.ln(4)
        self.keep_room(KEEP_WITH_HEADING)
        self.set_fill_color(*LIGHT)
        self.set_font(FONT, "B", 10.5)
        self.write_lines(6, self.doc.contacts_heading, fill=True, padding=(2, 3, 0, 3))
        self.set_font(FONT, "", 10)
        self.write_lines(5.2, "\n".join(self.doc.contacts), fill=True, padding=(1, 3, 2, 3))


def render_pdf(text: DocumentText, created: dt.datetime | None = None) -> bytes:
    """The document as PDF bytes; ``created`` (when given) makes the output reproducible."""
    paper = _Paper(text)
    paper.set_title(paper.printable(text.title))
    paper.set_author(paper.printable(text.masthead[-1] if text.masthead else ""))
    paper.set_creator("Event desk bot")
    paper.set_lang(text.language)
    if created is not None:
        paper.set_creation_date(created)
    paper.add_page()
    if text.kind:
        paper.set_text_color(*RED)
        paper.set_char_spacing(1)
        paper.paragraph(text.kind.upper(), size=10, style="B", gap=1)
        paper.set_char_spacing(0)
        paper.set_text_color(0, 0, 0)
    paper.paragraph(text.title, size=18, style="B", gap=1.5)
    paper.set_text_color(*GREY)
    paper.paragraph(text.dateline, size=10.5, style="I", gap=5)
    paper.set_text_color(0, 0, 0)
    for paragraph in text.paragraphs():
        paper.paragraph(paragraph)
    for block in text.blocks:
        paper.block(block)
    if text.contacts:
        paper.contacts()
    return bytes(paper.output())
