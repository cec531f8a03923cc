"""The organisers hear once that an address is refused for good."""

from __future__ import annotations

from bot.delivery.notify import Notifier
from bot.email.texts import EmailTexts
from bot.email.values import Contact
from bot.users.access import AccessService


class BounceNotices:
    def __init__(self, notifier: Notifier, access: AccessService, texts: EmailTexts) -> None:
        self._notifier = notifier
        self._access = access
        self._texts = texts

    async def __call__(self, contact: Contact) -> int:
        """Joins the caller's transaction; the outbox key makes a second call queue nothing."""
        return await self._notifier.notify(
            await self._access.organiser_ids(),
            kind="email.bounce",
            key=str(contact.id),
            render=self._texts.bounced(contact),
        )
