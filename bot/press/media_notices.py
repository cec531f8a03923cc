"""What the gallery and the interview desk say on their own initiative.

The services pick who hears what; the words and buttons belong to the Telegram side
(``handlers/press/gallery/notices.py``, ``handlers/press/interviews/notices.py``). Each
``Render`` is called once per language with gettext already in that language.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from bot.content.models import Event
from bot.delivery.notify import Render
from bot.press.interview_values import InterviewRequest
from bot.press.photo_values import Photo
from bot.press.values import Accreditation


class GalleryNotices(Protocol):
    def photos_of_day(self, day: dt.date) -> Render:
        """To journalists: photos of ``day`` are in the gallery, with a button to it."""
        ...

    def consent_withdrawn(self, photo: Photo) -> Render:
        """To journalists who received the photo: consent is withdrawn, do not use it."""
        ...


class InterviewNotices(Protocol):
    def requested(
        self, request: InterviewRequest, asker: Accreditation | None, event: Event
    ) -> Render:
        """To the organisers: the request, with «confirm» per time, «propose», «decline»."""
        ...

    def confirmed(
        self, request: InterviewRequest, asker: Accreditation | None, event: Event
    ) -> Render:
        """To both sides: the slot, with a button for its .ics."""
        ...

    def proposed(self, request: InterviewRequest, event: Event) -> Render:
        """To the journalist: another time, with «accept» and «refuse»."""
        ...

    def declined(self, request: InterviewRequest, asker: Accreditation | None) -> Render:
        """To both sides: the request was declined, and why."""
        ...

    def proposal_refused(
        self, request: InterviewRequest, asker: Accreditation | None, event: Event
    ) -> Render:
        """To the organisers: the journalist refused the time they proposed."""
        ...
