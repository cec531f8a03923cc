"""The texts reminders send on their own, behind a Protocol: the service never sees gettext.

Implemented by ``handlers/reminders/notices.py``. Each method renders one message in the
language gettext is set to (``Notifier`` sets it, once per language); its ``chat_id`` is
replaced for every recipient.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.agenda.values import Day, Session, SessionSnapshot
from bot.delivery.messages import Outgoing
from bot.reminders.values import NoticeContext


class ReminderNotices(Protocol):
    def reminder(
        self, language: str, session: Session, minutes_left: int, ctx: NoticeContext
    ) -> Outgoing: ...

    def moved(
        self, language: str, session: Session, before: SessionSnapshot, ctx: NoticeContext
    ) -> Outgoing: ...

    def cancelled(
        self, language: str, session_id: int, before: SessionSnapshot, ctx: NoticeContext
    ) -> Outgoing:
        """Offers «Don't remind me»: the session then does not come back to the user."""
        ...

    def added(self, language: str, session: Session, ctx: NoticeContext) -> Outgoing: ...

    def restored(self, language: str, session: Session, ctx: NoticeContext) -> Outgoing:
        """A cancelled session the user followed is back, and in their reminders."""
        ...

    def day_offer(
        self, language: str, day: Day, sessions: Sequence[Session], ctx: NoticeContext
    ) -> Outgoing: ...
