"""What callers hand the delivery component and what it reports back."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.types import InlineKeyboardMarkup

from bot.delivery.values import Media


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message for one chat: HTML already rendered in the recipient's language.

    With ``media`` the message is that photo or document and ``text`` its caption.
    """

    chat_id: int
    text: str
    reply_markup: InlineKeyboardMarkup | None = None
    media: Media | None = None


@dataclass(frozen=True, slots=True)
class DeliveryProgress:
    """Where one batch (``kind``/``key``) stands."""

    queued: int
    sent: int
    failed: int
    unreachable: int
    cancelled: int

    @property
    def total(self) -> int:
        return self.queued + self.sent + self.failed + self.unreachable + self.cancelled

    @property
    def finished(self) -> bool:
        return self.queued == 0
