"""The one way a feature tells people something on the bot's own initiative.

recipients → each one's language → render once per language → enqueue. Reminders,
programme notices, press notices and broadcasts all come through here; the texts are
rendered by the feature's Telegram side (``handlers/<feature>/notices.py``), so no
service imports aiogram or gettext. Call it inside the operation's
``store.transaction()``: the queued rows then commit with the operation's other writes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Protocol

from bot.delivery.messages import Outgoing
from bot.delivery.values import Recipient
from bot.i18n.catalogues import language_for
from bot.users.repository import UserRepository

Render = Callable[[str], Outgoing]
"""A message in one language; its ``chat_id`` is replaced for each recipient."""


LanguageScope = Callable[[str], AbstractContextManager[object]]
"""Makes ``language`` the one gettext translates into while a message is rendered."""


class Queue(Protocol):
    async def enqueue(self, messages: Sequence[Outgoing], *, kind: str, key: str) -> int: ...


class Notifier:
    def __init__(
        self,
        queue: Queue,
        users: UserRepository,
        default_language: str,
        scope: LanguageScope = lambda _language: nullcontext(),
    ) -> None:
        self._queue = queue
        self._users = users
        self._default = default_language
        self._scope = scope

    async def recipients(self, user_ids: Iterable[int]) -> list[Recipient]:
        """Each user once, with the language they read: their choice, else their app's."""
        ids = list(dict.fromkeys(user_ids))
        known = await self._users.languages(ids)
        return [self.recipient(user_id, *known.get(user_id, (None, None))) for user_id in ids]

    def recipient(self, user_id: int, chosen: str | None, telegram: str | None) -> Recipient:
        return Recipient(user_id, chosen or language_for(telegram, self._default))

    async def notify(self, user_ids: Iterable[int], *, kind: str, key: str, render: Render) -> int:
        """Queue one message per user (once per kind/key/chat); returns how many were new."""
        return await self.send(await self.recipients(user_ids), kind=kind, key=key, render=render)

    async def send(
        self, recipients: Sequence[Recipient], *, kind: str, key: str, render: Render
    ) -> int:
        return await self._queue.enqueue(self.messages(recipients, render), kind=kind, key=key)

    def messages(self, recipients: Sequence[Recipient], render: Render) -> list[Outgoing]:
        """The same message for everyone who reads that language, rendered once per
        language (10,000 recipients rendered one by one held the event loop for 1.5 s)."""
        rendered: dict[str, Outgoing] = {}
        messages = []
        for recipient in recipients:
            language = recipient.language
            if language not in rendered:
                with self._scope(language):
                    rendered[language] = render(language)
            messages.append(dataclasses.replace(rendered[language], chat_id=recipient.id))
        return messages
