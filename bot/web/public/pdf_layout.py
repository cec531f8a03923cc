"""The printed programme laid out on A4 (fpdf2, Fira Sans embedded for Cyrillic).

It takes already-translated lines (``Printed``), as ``bot.press.pdf`` does for press
documents, and uses the same font files: a help desk prints it, a press kit carries it.
Each day is a table: time, the session (title, room, speakers, any change), the press
mark; a row never splits across pages.
"""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF
from fpdf.fonts import FontFace

from bot.press.pdf import FONT, GREY, LIGHT, RED, font_files
from bot.web.public.printed_values import Printed, PrintedDay

MARGIN = 15.0
WIDTHS = (27, 123, 30)
"""Millimetres of the time, session and press columns (A4 is 210 wide)."""


class _Sheet(FPDF):
    def __init__(self, printed: Printed) -> None:
        super().__init__(format="A4")
        self.printed = printed
        for style, path in font_files().items():
            self.add_font(FONT, style, path)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=16)
        self.alias_nb_pages("{pages}")

    def header(self) -> None:
        if self.page_no() == 1:  # the title is on the page itself
            return
        self.set_y(8)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 4, self.printed.title)
        self.set_y(MARGIN)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 4, self.printed.as_of, align="L")
        label = self.printed.page_label.format(page=self.page_no(), pages="{pages}")
        self.set_x(-MARGIN - 40)
        self.cell(40, 4, label, align="R")

    def day(self, day: PrintedDay) -> None:
        if self.will_page_break(30):
            self.add_page()
        self.ln(3)
        self.set_font(FONT, "B", 13)
        self.set_text_color(*RED)
        self.multi_cell(0, 7, day.heading, new_x="LMARGIN", new_y="NEXT", align="L")
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, "", 9.5)
        heading = FontFace(emphasis="BOLD", fill_color=LIGHT)
        with self.table(
            col_widths=WIDTHS,
            first_row_as_headings=False,
            line_height=4.6,
            padding=1.4,
            borders_layout="HORIZONTAL_LINES",
            headings_style=heading,
            text_align=("LEFT", "LEFT", "CENTER"),
        ) as table:
            for line in day.lines:
                row = table.row()
                row.cell(line.time, style=FontFace(emphasis="BOLD"))
                text = "\n".join((line.title, *line.details))
                row.cell(text, style=FontFace(color=GREY) if line.gone else None)
                row.cell(line.mark)


def lay_out(printed: Printed, created: dt.datetime) -> bytes:
    sheet = _Sheet(printed)
    sheet.set_title(printed.title)
    sheet.set_creator("Event desk bot")
    sheet.set_lang(printed.language)
    sheet.set_creation_date(created)
    sheet.add_page()
    sheet.set_font(FONT, "B", 18)
    sheet.multi_cell(0, 8, printed.title, new_x="LMARGIN", new_y="NEXT", align="L")
    sheet.set_font(FONT, "", 10.5)
    sheet.set_text_color(*GREY)
    for line in (printed.subtitle, printed.zone, printed.legend):
        sheet.multi_cell(0, 5.2, line, new_x="LMARGIN", new_y="NEXT", align="L")
    sheet.set_text_color(0, 0, 0)
    for day in printed.days:
        sheet.day(day)
    return bytes(sheet.output())
