"""Issue 15's «known waste»: the content cache is dropped by content changes only.

It used to be dropped whenever the outbox's own connection committed (SQLite's
``PRAGMA data_version`` counts every *other* connection's commits), so during a broadcast
the programme was re-read about once a second. With one connection per process
(``bot/store/unit_of_work.py``) the delivery worker's commits are the bot's own: the cache
stays; a ``python -m bot load`` from another connection still drops it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from bot.app import build_bot
from bot.broadcasts.service import KIND, BroadcastService, Draft
from bot.broadcasts.values import Audience, AudienceKind
from bot.config import Settings
from bot.content.service import ContentService
from bot.delivery import Delivery, DeliveryLimits
from bot.delivery.notify import Notifier
from bot.store.holder import Store
from bot.time.clock import SystemClock
from bot.users.access import AccessService
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, TOKEN
from tests.fake_bot_api import FakeBotAPI

RECIPIENTS = 120
ORGANISER = User(1, "Organiser", "en", Role.ORGANISER)


def count_day_reads(store: Store) -> list[int]:
    """Counts the store's real reads of the days (the cache's misses)."""
    reads = [0]
    real = store.programme._days

    async def counted() -> list[Any]:
        reads[0] += 1
        return await real()

    store.programme._days = counted  # type: ignore[method-assign]
    return reads


async def read_days_as_after_a_second(store: Store) -> None:
    store.content_cache._checked_at = float("-inf")  # the once-a-second recheck is due
    await store.programme.days()


async def test_a_broadcast_keeps_the_content_cache_and_a_load_elsewhere_drops_it(
    tmp_path: Path, fake: FakeBotAPI, clock: ManualClock
) -> None:
    database = tmp_path / "cache.sqlite3"
    store = await Store.open(database)
    other = await Store.open(database)  # like `python -m bot load` in another process
    bot = build_bot(Settings(_env_file=None, bot_token=TOKEN, telegram_api_url=fake.url))  # type: ignore[call-arg]
    delivery = Delivery(store.outbox, bot, SystemClock(), DeliveryLimits(rate=300, buffer=20))
    try:
        await ContentService(store, clock).load(DATA_DIR)
        now = dt.datetime.now(dt.UTC)
        for user_id in range(10_001, 10_001 + RECIPIENTS):
            fake.user(user_id)
            await store.users.touch(user_id, "J", None, "en", now)
            await store.users.set_role(user_id, Role.PRESS, None)
        reads = count_day_reads(store)
        await read_days_as_after_a_second(store)
        assert reads[0] == 1

        notifier = Notifier(delivery, store.users, "ru")
        broadcasts = BroadcastService(store, clock, delivery, AccessService(store, ()), notifier)
        broadcast = await broadcasts.start(
            ORGANISER, Draft("t", "<b>News</b>"), Audience(AudienceKind.PRESS), None
        )
        assert broadcast is not None
        await delivery.start()
        seen_while_sending: set[int] = set()
        async with asyncio.timeout(30):
            while not (progress := await delivery.progress(KIND, str(broadcast.id))).finished:
                seen_while_sending.add(progress.sent)
                await read_days_as_after_a_second(store)
                await asyncio.sleep(0.005)  # the worker sends in real time
        assert progress.sent == RECIPIENTS
        assert len(seen_while_sending - {0}) >= 3, "reads happened between outcome commits"
        assert reads[0] == 1, "the delivery worker's commits did not drop the cache"

        edited = tmp_path / "data"
        shutil.copytree(DATA_DIR, edited)
        programme = edited / "programme.yaml"
        text = programme.read_text(encoding="utf-8")
        programme.write_text(text.replace("День 1: открытие", "День 1: начало"), "utf-8")
        await ContentService(other, clock).load(edited)
        await read_days_as_after_a_second(store)
        assert reads[0] == 2, "a load from another connection dropped the cache"
        assert (await store.programme.days())[0].title.ru.startswith("День 1: начало")
    finally:
        await delivery.stop()
        await bot.session.close()
        await other.close()
        await store.close()
