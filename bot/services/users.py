"""Who is talking to the bot and in which language they want answers."""

from __future__ import annotations

from bot.clock import Clock
from bot.config import Language
from bot.domain import User
from bot.i18n import SUPPORTED, language_for
from bot.services.access import AccessService
from bot.store import Store


class UserService:
    def __init__(
        self, store: Store, clock: Clock, default_language: Language, access: AccessService
    ) -> None:
        self._store = store
        self._clock = clock
        self._default = default_language
        self._access = access

    async def seen(
        self, user_id: int, first_name: str, username: str | None, telegram_language: str | None
    ) -> User:
        """Record the visit; the language is the user's choice, else their Telegram's."""
        stored = await self._store.users.touch(
            user_id, first_name, username, telegram_language, self._clock.now()
        )
        # Writing to the bot again means they no longer block it: deliver to them again.
        await self._store.outbox.mark_reachable(user_id)
        language = stored.language or language_for(telegram_language, self._default)
        return User(
            id=user_id,
            first_name=first_name,
            language=language,
            role=self._access.effective(user_id, stored.role),
            delegation_id=stored.delegation_id,
        )

    async def choose_language(self, user_id: int, language: str) -> None:
        if language not in SUPPORTED:
            raise ValueError(f"unsupported language {language!r}")
        await self._store.users.set_language(user_id, language)
