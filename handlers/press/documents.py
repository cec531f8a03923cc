"""Press releases as documents: the translated pieces, the format, the file sent.

Both formats are built from one ``DocumentText``, so the DOCX and the PDF say the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from aiogram import Bot
from aiogram.types import BufferedInputFile
from aiogram.utils.i18n import gettext as _

from bot.content.models import Event
from bot.press.documents import DocumentFormat, DocumentText, build_docx, build_pdf, masthead
from bot.press.values import EmbargoChannel, PressRelease
from bot.telegram.html import CAPTION_LIMIT, shorten
from handlers.press.common import contacts_lines
from handlers.press.views import embargo_line, moment

BUILDERS: dict[DocumentFormat, Callable[[DocumentText], bytes]] = {
    DocumentFormat.DOCX: build_docx,
    DocumentFormat.PDF: build_pdf,
}
UPLOAD_SECONDS = 20
"""The longest an upload may take: an embargoed one holds the store while it runs."""
CHANNELS = {DocumentFormat.DOCX: EmbargoChannel.DOCX, DocumentFormat.PDF: EmbargoChannel.PDF}


def page_label() -> str:
    return _("Page {page} of {pages}")


def release_text(
    release: PressRelease, event: Event, now: dt.datetime, language: str
) -> DocumentText:
    """The release in ``language`` (or the language it was written in), embargo on top."""
    return DocumentText(
        title=release.title.get(language),
        dateline=f"{event.city.get(language)}, "
        f"{moment(release.published_at, event, language, year=True)}",
        body=release.body.get(language),
        contacts_heading=_("Press contacts"),
        contacts=tuple(contacts_lines(event, language)),
        banner=embargo_line(release, event, language) if release.embargoed(now) else None,
        kind=_("Press release"),
        masthead=masthead(event, language),
        page_label=page_label(),
        language=language,
    )


def release_document(
    release: PressRelease, event: Event, now: dt.datetime, language: str, fmt: DocumentFormat
) -> bytes:
    return BUILDERS[fmt](release_text(release, event, now, language))


async def send_file(
    bot: Bot, chat_id: int, payload: bytes, name: str, fmt: DocumentFormat, caption: str
) -> None:
    await bot.send_document(
        chat_id,
        BufferedInputFile(payload, filename=f"{name}.{fmt.value}"),
        caption=escape(shorten(caption, CAPTION_LIMIT - 10)),
        request_timeout=UPLOAD_SECONDS,
    )
