"""Per-user flood control: a token bucket per user and throttling key, on the injected clock.

Handlers choose their bucket with a flag, ``flags={"throttling_key": "search"}``; handlers
without one share the ``default`` bucket. A user who empties a bucket gets one polite
«slow down» and is then ignored for the cooldown; other users never wait for them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.flags import get_flag
from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.types import User as TelegramUser
from aiogram.utils.i18n import ngettext

from bot.telegram.middlewares import Handler
from bot.time.clock import Clock
from bot.users.values import User

log = logging.getLogger(__name__)

DEFAULT_KEY = "default"
# Buckets kept before idle (full) ones are forgotten; bounds memory under many users.
TRACKED_USERS = 10_000


class Verdict(Enum):
    PASS = "pass"
    WARN = "warn"
    IGNORE = "ignore"


@dataclass(slots=True)
class _Bucket:
    tokens: float
    stamp: float
    muted_until: float = 0.0


class FloodControl(BaseMiddleware):
    """Registered as an inner middleware so it can read the matched handler's flags."""

    def __init__(
        self,
        clock: Clock,
        *,
        rate: float,
        burst: int,
        cooldown: float,
    ) -> None:
        self._clock = clock
        self._rate = rate
        self._burst = burst
        self._cooldown = cooldown
        self._buckets: dict[tuple[int, str], _Bucket] = {}
        self._prune_above = TRACKED_USERS

    def verdict(self, user_id: int, key: str, now: float) -> Verdict:
        bucket = self._buckets.get((user_id, key))
        if bucket is None:
            self._prune(now)
            bucket = self._buckets[(user_id, key)] = _Bucket(float(self._burst), now)
        if now < bucket.muted_until:
            return Verdict.IGNORE
        bucket.tokens = min(self._burst, bucket.tokens + (now - bucket.stamp) * self._rate)
        bucket.stamp = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return Verdict.PASS
        bucket.muted_until = now + self._cooldown
        return Verdict.WARN

    def _prune(self, now: float) -> None:
        if len(self._buckets) < self._prune_above:
            return
        full_after = self._burst / self._rate
        idle = [
            key
            for key, bucket in self._buckets.items()
            if now >= max(bucket.stamp + full_after, bucket.muted_until)
        ]
        for key in idle:
            del self._buckets[key]
        self._prune_above = max(TRACKED_USERS, 2 * len(self._buckets))

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: TelegramUser | None = data.get("event_from_user")
        known: User | None = data.get("user")
        if user is None or (known is not None and known.is_organiser):
            return await handler(event, data)  # organisers (by setting or by role) are exempt
        key = get_flag(data, "throttling_key", default=DEFAULT_KEY)
        verdict = self.verdict(user.id, str(key), self._clock.now().timestamp())
        if verdict is Verdict.PASS:
            return await handler(event, data)
        log.info("throttled user %s (%s): %s", user.id, key, verdict.value)
        try:
            await self._tell(event, verdict)
        except TelegramAPIError as error:
            log.info("could not tell user %s to slow down: %s", user.id, error)
        return None

    async def _tell(self, event: TelegramObject, verdict: Verdict) -> None:
        seconds = round(self._cooldown)
        text = ngettext(
            "Please slow down a little: I will answer again in {count} second.",
            "Please slow down a little: I will answer again in {count} seconds.",
            seconds,
        ).format(count=seconds)
        if isinstance(event, Message) and verdict is Verdict.WARN:
            await event.answer(text)
        elif isinstance(event, CallbackQuery):
            # Even an ignored press is answered, or the button keeps spinning.
            await event.answer(text if verdict is Verdict.WARN else None)
