"""What the schedule sync tells organisers on its own (``bot.programme.schedule_sync``)."""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _

from bot.delivery.messages import Outgoing

NO_CHAT = 0  # Notifier addresses each copy


class SyncMessages:
    """Implements ``bot.programme.schedule_sync.SyncNotices``."""

    def __init__(self, minutes: float) -> None:
        self._minutes = minutes

    def failed(self, language: str, problem: str) -> Outgoing:
        text = "\n".join(
            [
                _("⚠️ <b>The schedule sync failed.</b>"),
                "",
                f"<code>{escape(problem[:1500])}</code>",
                "",
                _(
                    "The programme stays as it was. I try again every {minutes} min and "
                    "tell you once it works again (not at every try)."
                ).format(minutes=f"{self._minutes:g}"),
            ]
        )
        return Outgoing(NO_CHAT, text)

    def recovered(self, language: str) -> Outgoing:
        return Outgoing(
            NO_CHAT, _("✅ The schedule sync works again: the programme follows the export.")
        )
