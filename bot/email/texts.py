"""What the press office says by email, as the email services ask for it.

The words are the chat's: ``handlers/email/letters.py`` implements this Protocol with the
same views and catalogues the Telegram notices use. Each method is called with gettext
already in ``language``. ``UNSUBSCRIBE_MARK`` in a letter's text and HTML stands for the
reader's own signed unsubscribe link, put in when the message is addressed.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from bot.content.models import Event
from bot.delivery.notify import Render
from bot.email.values import Contact, Letter
from bot.press.advisory import Advisory
from bot.press.values import PressRelease, QuoteRequest
from bot.summaries.values import Summary

UNSUBSCRIBE_MARK = "{{unsubscribe}}"


class EmailTexts(Protocol):
    def release(
        self, release: PressRelease, event: Event, now: dt.datetime, language: str
    ) -> Letter:
        """The whole release, its PDF and DOCX attached; «EMBARGOED UNTIL» while it is."""
        ...

    def summary(self, summary: Summary, event: Event, language: str) -> Letter:
        """The day's summary, its PDF attached."""
        ...

    def advisory(self, advisory: Advisory, language: str) -> Letter:
        """The media advisory, its PDF attached."""
        ...

    def answer(self, request: QuoteRequest, language: str) -> Letter:
        """The answer to a quote request (or why it was declined), with the attribution."""
        ...

    def from_chat(self, markup: str, language: str) -> Letter:
        """A chat notice's HTML as a letter; its first line is the subject."""
        ...

    def bounced(self, contact: Contact) -> Render:
        """To the organisers (in chat): the server refused this address for good."""
        ...
