"""What the press centre says on its own initiative, as the services ask for it.

The services decide who hears what and when; the words (and their buttons) belong to the
Telegram side, ``handlers/press/notices.py``, which implements this Protocol. Each
``Render`` is called once per language with gettext already in that language.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from bot.content.models import Event, Text
from bot.delivery.notify import Render
from bot.press.values import Accreditation, PressRelease, QuoteRequest


class PressNotices(Protocol):
    def application_submitted(self, application: Accreditation) -> Render:
        """To the organisers: the card with «approve» and «reject»."""
        ...

    def application_decided(self, application: Accreditation, approved: bool) -> Render:
        """To the journalist: the organisers' decision."""
        ...

    def release(self, release: PressRelease, event: Event, now: dt.datetime) -> Render:
        """A new release (marked embargoed while it is), with a button to open it."""
        ...

    def embargo_lifted(self, release: PressRelease) -> Render:
        """To accredited journalists: the release may be published now."""
        ...

    def request_submitted(self, request: QuoteRequest, event: Event) -> Render:
        """To the organisers: a new quote request, with a button into the queue."""
        ...

    def request_closed(self, request: QuoteRequest) -> Render:
        """To the journalist: the answer, or why the request was declined."""
        ...

    def organisers_label(self) -> Text:
        """«The organisers» in every language, stored as a request's addressee."""
        ...

    def session_label(self, session: Text) -> Text:
        """«The organisers, about «session»» in every language: a request's addressee."""
        ...

    def answer_source(self, number: int) -> Text:
        """Where a quote from answered request ``number`` comes from, in every language."""
        ...
