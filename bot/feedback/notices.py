"""What the feedback feature says on its own initiative, as its services ask for it.

The words and buttons belong to the Telegram side, ``handlers/feedback/notices.py``, which
implements this Protocol; each ``Render`` is called once per language with gettext in it.
"""

from __future__ import annotations

from typing import Protocol

from bot.agenda.values import Session
from bot.delivery.notify import Render
from bot.feedback.survey import Survey


class FeedbackNotices(Protocol):
    def rating_request(self, session: Session) -> Render:
        """To a session's followers once it ended: rate it 1–5, or stop being asked."""
        ...

    def survey(self, survey: Survey) -> Render:
        """To everyone after the meeting: the survey's first question with its answers."""
        ...
