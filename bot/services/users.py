"""Who is talking to the bot and in which language they want answers."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from bot.clock import Clock
from bot.config import Language
from bot.domain import User
from bot.i18n import SUPPORTED, language_for
from bot.limits import NAME
from bot.store import Store
from bot.text import shorten

# How stale ``last_seen`` may get: within it, a returning user costs no write at all.
TOUCH_INTERVAL = dt.timedelta(minutes=5)
CACHED_USERS = 50_000


@dataclass(frozen=True, slots=True)
class _Seen:
    profile: tuple[str, str | None, str | None]
    chosen: str | None
    written_at: dt.datetime


class UserService:
    def __init__(self, store: Store, clock: Clock, default_language: Language) -> None:
        self._store = store
        self._clock = clock
        self._default = default_language
        # The per-update upsert was the bot's hot spot (bench/throughput.py): users seen
        # recently with an unchanged profile are answered from here.
        self._seen: OrderedDict[int, _Seen] = OrderedDict()

    async def seen(
        self, user_id: int, first_name: str, username: str | None, telegram_language: str | None
    ) -> User:
        """Record the visit; the language is the user's choice, else their Telegram's."""
        first_name = shorten(first_name, NAME)
        now = self._clock.now()
        profile = (first_name, username, telegram_language)
        cached = self._seen.get(user_id)
        if cached and cached.profile == profile and now - cached.written_at < TOUCH_INTERVAL:
            chosen = cached.chosen
        else:
            chosen = await self._store.users.touch(
                user_id, first_name, username, telegram_language, now
            )
            self._remember(user_id, _Seen(profile, chosen, now))
            # Writing to the bot again means they no longer block it: deliver to them again.
            await self._store.outbox.mark_reachable(user_id)
        language = chosen or language_for(telegram_language, self._default)
        return User(id=user_id, first_name=first_name, language=language)

    async def choose_language(self, user_id: int, language: str) -> None:
        if language not in SUPPORTED:
            raise ValueError(f"unsupported language {language!r}")
        await self._store.users.set_language(user_id, language)
        cached = self._seen.get(user_id)
        if cached is not None:
            self._remember(user_id, _Seen(cached.profile, language, cached.written_at))

    def _remember(self, user_id: int, seen: _Seen) -> None:
        self._seen[user_id] = seen
        self._seen.move_to_end(user_id)
        if len(self._seen) > CACHED_USERS:
            self._seen.popitem(last=False)
