"""Chat notices that go by email too, in the same words: the answers to a journalist's
interview requests (proposed time, confirmed, declined).

A ``Notifier`` like any other for the feature that uses it: each notice is queued to chat
as before, and, in the same transaction, by email to those recipients who gave an address
and chose «answers to my requests». The feature itself does not change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.delivery.notify import LanguageScope, Notifier, Queue, Render
from bot.email.mail import PressMail
from bot.email.values import Topic
from bot.users.repository import UserRepository

INTERVIEWS = {"press.interview": Topic.ANSWERS}


class MirroringNotifier(Notifier):
    def __init__(
        self,
        queue: Queue,
        users: UserRepository,
        default_language: str,
        scope: LanguageScope,
        mail: PressMail,
        kinds: Mapping[str, Topic] = INTERVIEWS,
    ) -> None:
        super().__init__(queue, users, default_language, scope)
        self._mail = mail
        self._kinds = kinds

    async def notify(self, user_ids: Iterable[int], *, kind: str, key: str, render: Render) -> int:
        ids = list(user_ids)
        queued = await super().notify(ids, kind=kind, key=key, render=render)
        topic = self._kinds.get(kind)
        if topic is not None:
            await self._mail.chat_notice(ids, topic, kind, key, render)
        return queued
