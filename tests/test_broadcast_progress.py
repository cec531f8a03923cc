"""The progress loop without Telegram: it shows running broadcasts through any
``ProgressView`` and, once nothing is queued, shows the report and marks the broadcast done."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot

from bot.broadcasts.progress import ProgressLoop
from bot.broadcasts.service import BroadcastService, Draft, Report
from bot.broadcasts.values import Audience, AudienceKind, BroadcastState
from bot.delivery import Delivery, DeliveryLimits
from bot.delivery.notify import Notifier
from bot.store.holder import Store
from bot.users.access import AccessService
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import TOKEN, local

NOW = local(5, 9)
ORGANISER = User(1, "Org", "en", Role.ORGANISER)


class RecordingView:
    def __init__(self) -> None:
        self.shown: list[Report] = []

    async def show(self, report: Report) -> None:
        self.shown.append(report)


@pytest.fixture
async def broadcasts(store: Store) -> AsyncIterator[BroadcastService]:
    clock = ManualClock(NOW)
    bot = Bot(TOKEN)
    delivery = Delivery(store.outbox, bot, clock, DeliveryLimits())  # never started
    for user_id in (2, 3):
        await store.users.touch(user_id, "J", None, "en", NOW)
        await store.users.set_role(user_id, Role.PRESS, None)
    notifier = Notifier(delivery, store.users, "ru")
    yield BroadcastService(store, clock, delivery, AccessService(store, ()), notifier)
    await bot.session.close()


async def test_a_running_broadcast_is_shown_then_reported_once_done(
    store: Store, broadcasts: BroadcastService
) -> None:
    view = RecordingView()
    loop = ProgressLoop(broadcasts, view, interval=60)
    await store.outbox.mark_unreachable(3, "blocked", NOW)
    running = await broadcasts.start(ORGANISER, Draft("a", "A"), Audience(AudienceKind.PRESS), 5)
    assert running is not None
    await loop.tick()
    assert [(r.broadcast.state, r.progress.queued) for r in view.shown] == [
        (BroadcastState.SENDING, 1)
    ]

    await broadcasts.cancel(ORGANISER, running.id)  # nothing queued any more, not «done»
    await store.outbox.mark_unreachable(2, "blocked", NOW)
    done = await broadcasts.start(ORGANISER, Draft("b", "B"), Audience(AudienceKind.PRESS), 6)
    assert done is not None
    view.shown.clear()
    await loop.tick()
    assert [(r.broadcast.id, r.broadcast.state) for r in view.shown] == [
        (done.id, BroadcastState.DONE)
    ]
    assert await broadcasts.sending() == []
    view.shown.clear()
    await loop.tick()
    assert view.shown == []


async def test_the_loop_is_owned_started_and_stopped(broadcasts: BroadcastService) -> None:
    loop = ProgressLoop(broadcasts, RecordingView(), interval=60)
    await loop.start()
    await loop.stop()  # returns at once: the loop waits on its stop event, not a sleep
