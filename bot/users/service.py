"""Who is talking to the bot and in which language they want answers."""

from __future__ import annotations

from dataclasses import replace

from bot.config import Language
from bot.i18n.catalogues import SUPPORTED, language_for
from bot.store.holder import Store
from bot.telegram.html import shorten
from bot.telegram.limits import NAME
from bot.time.clock import Clock
from bot.users.access import AccessService
from bot.users.values import Role, User


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
        first_name = shorten(first_name, NAME)
        visit = await self._store.users.touch(
            user_id, first_name, username, telegram_language, self._clock.now()
        )
        if visit.unreachable:
            # Writing to the bot again means they no longer block it: deliver to them again.
            # (A return within the visit cache's window comes with a `member` update too.)
            await self._store.outbox.mark_reachable(user_id)
        stored = visit.stored
        language = stored.language or language_for(telegram_language, self._default)
        return User(
            id=user_id,
            first_name=first_name,
            language=language,
            role=self._access.effective(user_id, stored.role),
            delegation_id=stored.delegation_id,
        )

    async def passer_by(self, user_id: int, first_name: str, telegram_language: str | None) -> User:
        """Someone using inline mode from another chat: nothing is recorded, since they
        may never have written to the bot (a broadcast must not try them); a known user
        keeps their language and role."""
        first_name = shorten(first_name, NAME)
        known = await self.known(user_id)
        if known is not None:
            return replace(known, first_name=first_name)
        language = language_for(telegram_language, self._default)
        role = self._access.effective(user_id, Role.GUEST)
        return User(id=user_id, first_name=first_name, language=language, role=role)

    async def known(self, user_id: int) -> User | None:
        """A user as handlers see them, for acting on someone else (e.g. a new organiser)."""
        stored = await self._store.users.stored(user_id)
        languages = await self._store.users.languages([user_id])
        if stored is None or user_id not in languages:
            return None
        chosen, telegram = languages[user_id]
        return User(
            id=user_id,
            first_name="",
            language=chosen or language_for(telegram, self._default),
            role=self._access.effective(user_id, stored.role),
            delegation_id=stored.delegation_id,
        )

    async def organisers(self) -> list[User]:
        """Every organiser who has talked to the bot, with the language they read."""
        ids = await self._access.organiser_ids()
        known = await self._store.users.languages(ids)
        return [
            User(
                id=user_id,
                first_name="",
                language=chosen or language_for(telegram, self._default),
                role=Role.ORGANISER,
            )
            for user_id, (chosen, telegram) in known.items()
        ]

    async def choose_language(self, user_id: int, language: str) -> None:
        if language not in SUPPORTED:
            raise ValueError(f"unsupported language {language!r}")
        await self._store.users.set_language(user_id, language)
