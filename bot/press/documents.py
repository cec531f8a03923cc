"""Press material as a DOCX a newsroom can open and edit (python-docx keeps Cyrillic as is).

``DocumentText`` holds the already-translated pieces of one document; ``build_docx`` here
and ``build_pdf`` (``bot.press.pdf``) lay the same pieces out, so the two formats never
differ in what they say.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum

from bot.content.models import Event


@dataclass(frozen=True, slots=True)
class Block:
    """A part of a document after its body: a heading over paragraphs or a bulleted list."""

    heading: str
    lines: tuple[str, ...]
    bulleted: bool = False


@dataclass(frozen=True, slots=True)
class DocumentText:
    """Already-translated pieces; the builders only lay them out."""

    title: str
    dateline: str
    body: str
    contacts_heading: str
    contacts: tuple[str, ...]
    banner: str | None = None
    """The embargo, at the top of every page while it holds."""
    kind: str = ""
    """What the document is («Press release»), above the title."""
    masthead: tuple[str, ...] = ()
    """The event and its organiser: the header of every page."""
    blocks: tuple[Block, ...] = ()
    page_label: str = "{page}/{pages}"
    """«Page {page} of {pages}», translated."""
    language: str = "ru"

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]


class DocumentFormat(StrEnum):
    DOCX = "docx"
    PDF = "pdf"


def masthead(event: Event, language: str) -> tuple[str, ...]:
    """The header of every page: the event, then its organiser."""
    return (event.name.get(language), event.organiser.get(language))


def contact_lines(event: Event, language: str, example_mark: str) -> list[str]:
    """The press office's contacts, one a line; ``example_mark`` (translated) follows an
    illustrative one, so nobody calls a made-up number."""
    lines = []
    for contact in event.press_contacts:
        parts = [contact.name.get(language)]
        parts += [value for value in (contact.phone, contact.email) if value]
        line = ", ".join(parts)
        if contact.illustrative:
            line += " " + example_mark
        lines.append(line)
    return lines


def build_docx(text: DocumentText) -> bytes:
    # Imported with the first file built: fpdf2, python-docx and icalendar hold ~30 MB.
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"  # a font with Cyrillic on every newsroom machine
    style.font.size = Pt(11)
    document.core_properties.title = text.title
    document.core_properties.language = text.language
    header = document.sections[0].header.paragraphs[0]
    header.text = "\n".join([*text.masthead, text.kind.upper()] if text.kind else text.masthead)
    if text.banner:
        banner = document.add_paragraph()
        banner.add_run(text.banner).bold = True
    document.add_heading(text.title, level=1)
    document.add_paragraph().add_run(text.dateline).italic = True
    for paragraph in text.paragraphs():
        document.add_paragraph(paragraph)
    for block in text.blocks:
        document.add_heading(block.heading, level=2)
        for line in block.lines:
            document.add_paragraph(line, style="List Bullet" if block.bulleted else None)
    if text.contacts:
        document.add_heading(text.contacts_heading, level=2)
        for line in text.contacts:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_pdf(text: DocumentText) -> bytes:
    """The document as PDF (``bot.press.pdf``)."""
    # Imported with the first file built: fpdf2, python-docx and icalendar hold ~30 MB.
    from bot.press.pdf import render_pdf

    return render_pdf(text)
