"""What the summaries feature says on its own: the push of a newly published summary.

Implemented by ``handlers/summaries/notices.py``; the service never renders text itself.
"""

from __future__ import annotations

from typing import Protocol

from bot.delivery.notify import Render
from bot.summaries.values import Summary


class SummaryNotices(Protocol):
    def published(self, summary: Summary) -> Render:
        """The summary's teaser, with a button for its document."""
        ...
