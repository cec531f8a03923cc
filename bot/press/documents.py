"""Press material as a DOCX a newsroom can open and edit (python-docx keeps Cyrillic as is)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.shared import Pt

from bot.content.models import Event


@dataclass(frozen=True, slots=True)
class DocumentText:
    """Already-translated pieces; the builder only lays them out."""

    title: str
    dateline: str
    body: str
    contacts_heading: str
    contacts: tuple[str, ...]
    banner: str | None = None


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
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"  # a font with Cyrillic on every newsroom machine
    style.font.size = Pt(11)
    document.core_properties.title = text.title
    if text.banner:
        banner = document.add_paragraph()
        banner.add_run(text.banner).bold = True
    document.add_heading(text.title, level=1)
    document.add_paragraph().add_run(text.dateline).italic = True
    for paragraph in text.body.split("\n\n"):
        document.add_paragraph(paragraph.strip())
    if text.contacts:
        document.add_heading(text.contacts_heading, level=2)
        for line in text.contacts:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
