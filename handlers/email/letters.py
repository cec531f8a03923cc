"""The press office's email in words: implements ``bot.email.texts.EmailTexts``.

The same views and catalogues as the chat: a letter's HTML is the chat message's HTML
(the tags Telegram allows are plain HTML) laid out in paragraphs, its text part the same
with the tags taken off. Every value is escaped where it is put in.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from html import escape

from aiogram.utils.i18n import gettext as _
from babel.dates import format_date

from bot.content.models import Event
from bot.delivery import Outgoing
from bot.delivery.notify import Render
from bot.email.texts import UNSUBSCRIBE_MARK
from bot.email.values import Attachment, Contact, Letter
from bot.press.advisory import Advisory
from bot.press.documents import DocumentFormat, DocumentText, build_pdf, contact_lines, masthead
from bot.press.values import PressRelease, QuoteRequest, RequestStatus
from bot.summaries.values import Summary
from bot.time.display import day_heading
from handlers.press.advisory import advisory_pages, advisory_text
from handlers.press.common import contacts_lines
from handlers.press.documents import release_document
from handlers.press.views import moment, release_header

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_TAG = re.compile(r"<[^>]+>")


def plain(markup: str) -> str:
    """The text part: chat HTML without its tags."""
    return html.unescape(_TAG.sub("", markup))


def page(markup: str, language: str) -> str:
    """The HTML part: chat HTML in paragraphs, as a whole document."""
    paragraphs = "\n".join(
        "<p>" + part.replace("\n", "<br>\n") + "</p>" for part in markup.split("\n\n") if part
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"></head>'
        f'<body style="font-family: Arial, sans-serif">\n{paragraphs}\n</body></html>\n'
    )


def footer() -> str:
    return _(
        "You get this because you gave this address to the press office. "
        "Unsubscribe in one click: {link}"
    ).format(link=UNSUBSCRIBE_MARK)


def letter(subject: str, markup: str, language: str, files: tuple[Attachment, ...]) -> Letter:
    whole = markup + "\n\n" + escape(footer())
    return Letter(" ".join(subject.split()), plain(whole), page(whole, language), files)


def slug(text: str) -> str:
    """A file name from a title: letters and digits, at most 60 characters."""
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-")[:60] or "document"


class EmailLetters:
    def release(
        self, release: PressRelease, event: Event, now: dt.datetime, language: str
    ) -> Letter:
        title = release.title.get(language)
        subject = title
        if release.embargoed(now):
            until = release.embargo_until
            assert until is not None
            embargo = _("EMBARGOED UNTIL {time}").format(time=moment(until, event, language))
            subject = f"{embargo}: {title}"
        paragraphs = [escape(p) for p in release.body.get(language).split("\n\n") if p.strip()]
        contacts = "\n".join(map(escape, contacts_lines(event, language)))
        markup = "\n\n".join(
            ["\n".join(release_header(release, event, now, language)), *paragraphs, contacts]
        )
        name = slug(title)
        files = (
            Attachment(
                f"{name}.pdf",
                PDF,
                release_document(release, event, now, language, DocumentFormat.PDF),
            ),
            Attachment(
                f"{name}.docx",
                DOCX,
                release_document(release, event, now, language, DocumentFormat.DOCX),
            ),
        )
        return letter(subject, markup, language, files)

    def summary(self, summary: Summary, event: Event, language: str) -> Letter:
        title = summary.title.get(language)
        heading = day_heading(summary.day, language)
        paragraphs = [escape(p) for p in summary.body.get(language).split("\n\n") if p.strip()]
        markup = "\n\n".join(
            [
                _("📝 <b>Daily summary</b>"),
                f"<b>{escape(title)}</b>\n<i>{escape(heading)}</i>",
                *paragraphs,
            ]
        )
        text = DocumentText(
            title=title,
            dateline=f"{event.city.get(language)}, "
            f"{format_date(summary.day, 'd MMMM y', locale=language)}",
            body=summary.body.get(language),
            contacts_heading=_("Press contacts"),
            contacts=tuple(contact_lines(event, language, _("(example contact)"))),
            kind=_("Daily summary"),
            masthead=masthead(event, language),
            page_label=_("Page {page} of {pages}"),
            language=language,
        )
        files = (Attachment(f"{slug(title)}.pdf", PDF, build_pdf(text)),)
        return letter(_("Daily summary: {title}").format(title=title), markup, language, files)

    def advisory(self, advisory: Advisory, language: str) -> Letter:
        name = advisory.event.name.get(language)
        markup = "\n\n".join(advisory_pages(advisory, language))
        files = (
            Attachment(f"{slug(name)}.pdf", PDF, build_pdf(advisory_text(advisory, language))),
        )
        return letter(_("Media advisory: {event}").format(event=name), markup, language, files)

    def answer(self, request: QuoteRequest, language: str) -> Letter:
        target = request.target_label.get(language)
        if request.status is RequestStatus.ANSWERED:
            subject = _("Answer to your request No. {number}").format(number=request.id)
            said = _("«{quote}» — {attribution}").format(
                quote=escape(request.answer or ""), attribution=escape(target)
            )
        else:
            subject = _("Your request No. {number} was declined").format(number=request.id)
            said = _("Reason: {reason}").format(reason=escape(request.decline_reason or ""))
        question = _("Your question: {question}").format(question=escape(request.question))
        return letter(subject, f"<b>{escape(subject)}</b>\n\n{question}\n\n{said}", language, ())

    def from_chat(self, markup: str, language: str) -> Letter:
        subject = plain(markup).strip().split("\n", 1)[0]
        return letter(subject, markup, language, ())

    def bounced(self, contact: Contact) -> Render:
        def render(_language: str) -> Outgoing:
            return Outgoing(
                0,
                _(
                    "📭 The mail server refuses {address} ({name}, {outlet}) for good: "
                    "nothing more is sent there. Ask the journalist for another address."
                ).format(
                    address=escape(contact.address),
                    name=escape(contact.full_name),
                    outlet=escape(contact.outlet),
                ),
            )

        return render
