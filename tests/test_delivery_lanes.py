"""Priority lanes: reminders and programme notices, then answers to a person, then broadcasts."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram import Bot

from bot.config import Settings
from bot.delivery import Delivery, DeliveryLimits, Outgoing
from bot.delivery.lanes import Lane, lane_for
from bot.delivery.outbox import NewRow
from bot.store.database import connect, migrate
from bot.store.holder import Store
from bot.time.clock import SystemClock
from bot.wiring import build_bot
from tests.conftest import TOKEN
from tests.fake_bot_api import FakeBotAPI

NOW = dt.datetime(2025, 9, 5, 6, 0, tzinfo=dt.UTC)
FAST = DeliveryLimits(rate=200, chat_interval=0.0, buffer=40)


@pytest.fixture
async def opened(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "lanes.sqlite3")
    try:
        yield store
    finally:
        await store.close()


@pytest.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[Bot]:
    built = build_bot(Settings(_env_file=None, bot_token=TOKEN, telegram_api_url=fake.url))  # type: ignore[call-arg]
    try:
        yield built
    finally:
        await built.session.close()


async def finished(delivery: Delivery, *batches: tuple[str, str]) -> None:
    async with asyncio.timeout(20):
        for kind, key in batches:
            while not (await delivery.progress(kind, key)).finished:  # noqa: ASYNC110
                await asyncio.sleep(0.02)


def order_of_chats(fake: FakeBotAPI) -> list[int]:
    return [sent.chat_id for sent in fake.sent_log]


def test_kinds_map_to_lanes() -> None:
    punctual = ["reminder", "day-offer", "cancelled", "added", "moved", "notice", "offer"]
    assert {lane_for(kind) for kind in punctual} == {Lane.PUNCTUAL}
    assert lane_for("notice.moved") is Lane.PUNCTUAL
    assert lane_for("press.request") is Lane.PERSONAL
    assert lane_for("press.embargo_lifted") is Lane.PERSONAL
    assert lane_for("anything-else") is Lane.PERSONAL
    assert lane_for("broadcast") is Lane.BULK


async def test_reminders_overtake_a_broadcast_already_sending(
    fake: FakeBotAPI, bot: Bot, opened: Store
) -> None:
    """A broadcast of 300 fills the worker's memory; 20 reminders queued once it has begun
    go out next, before the rest of the broadcast."""
    audience = [fake.user(10_000 + n).id for n in range(300)]
    followers = [fake.user(20_000 + n).id for n in range(20)]
    delivery = Delivery(opened.outbox, bot, SystemClock(), FAST)
    await delivery.enqueue([Outgoing(c, "news") for c in audience], kind="broadcast", key="1")
    await delivery.start()
    try:
        async with asyncio.timeout(10):
            while len(fake.sent_log) < 50:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
        reminders = [Outgoing(c, "in 15 min") for c in followers]
        assert await delivery.enqueue(reminders, kind="reminder", key="s1@15") == 20
        await finished(delivery, ("reminder", "s1@15"), ("broadcast", "1"))
    finally:
        await delivery.stop()

    order = order_of_chats(fake)
    assert sorted(order) == sorted(audience + followers), "each exactly once"
    first = min(order.index(c) for c in followers)
    last = max(order.index(c) for c in followers)
    assert last - first < 20 + 3, "at most the sends already under way came between"
    assert len(order) - last > 150, "the broadcast was far from done"


async def test_reminders_queued_during_429_pauses_still_go_first(
    fake: FakeBotAPI, bot: Bot, opened: Store
) -> None:
    """Issue 20: a broadcast meets a 429; reminders queued during its pause go out first
    once it ends, and when one of them meets a 429 too, the rest and its retry still go
    before the broadcast."""
    audience = [fake.user(11_000 + n).id for n in range(200)]
    followers = [fake.user(21_000 + n).id for n in range(20)]
    delivery = Delivery(opened.outbox, bot, SystemClock(), FAST)
    await delivery.enqueue([Outgoing(c, "news") for c in audience], kind="broadcast", key="1")
    await delivery.start()
    try:
        async with asyncio.timeout(10):
            while len(fake.sent_log) < 40:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
            fake.fail_next(status=429, retry_after=1)
            fake.fail_next(status=429, retry_after=1, chat_id=followers[3])
            while not any(call.status == 429 for call in fake.calls_to("sendMessage")):  # noqa: ASYNC110
                await asyncio.sleep(0.01)
        reminders = [Outgoing(c, "in 15 min") for c in followers]
        assert await delivery.enqueue(reminders, kind="reminder", key="s1@15") == 20
        await finished(delivery, ("reminder", "s1@15"), ("broadcast", "1"))
    finally:
        await delivery.stop()
    calls = fake.calls_to("sendMessage")
    first_429 = next(call.at for call in calls if call.status == 429)
    after = [sent.chat_id for sent in fake.sent_log if sent.at > first_429 + 0.5]
    assert sorted(after[:20]) == sorted(followers), "the reminders, then the broadcast"
    assert sum(1 for call in calls if call.status == 429) == 2
    assert sorted(order_of_chats(fake)) == sorted(audience + followers), "each exactly once"


async def test_lanes_go_in_order_and_by_age_within_a_lane(
    fake: FakeBotAPI, bot: Bot, opened: Store
) -> None:
    batches = [
        ("broadcast", "b", range(100, 110)),
        ("press.request", "p", range(200, 205)),
        ("reminder", "r1", range(300, 305)),
        ("moved", "m", range(400, 405)),
    ]
    # Sends run concurrently, and two started 5 ms apart (FAST) may reach the fake in the
    # other order on a busy machine; 40 ms apart, the order they arrive in is the order the
    # worker chose (the test failed about one run in fifteen at FAST).
    spaced = DeliveryLimits(rate=25, chat_interval=0.0, buffer=40)
    delivery = Delivery(opened.outbox, bot, SystemClock(), spaced)
    for kind, key, chats in batches:
        await delivery.enqueue([Outgoing(fake.user(c).id, kind) for c in chats], kind=kind, key=key)
    await delivery.start()
    try:
        await finished(delivery, *[(kind, key) for kind, key, _ in batches])
    finally:
        await delivery.stop()
    expected = [*range(300, 305), *range(400, 405), *range(200, 205), *range(100, 110)]
    assert order_of_chats(fake) == expected


async def test_one_chat_keeps_its_interval_across_lanes(
    fake: FakeBotAPI, bot: Bot, opened: Store
) -> None:
    user = fake.user(600)
    limits = DeliveryLimits(rate=200, chat_interval=0.3)
    delivery = Delivery(opened.outbox, bot, SystemClock(), limits)
    await delivery.enqueue([Outgoing(user.id, "news")], kind="broadcast", key="b")
    await delivery.enqueue([Outgoing(user.id, "soon")], kind="reminder", key="r")
    await delivery.start()
    try:
        await finished(delivery, ("reminder", "r"), ("broadcast", "b"))
    finally:
        await delivery.stop()
    assert [m["text"] for m in user.messages] == ["soon", "news"]
    first, second = fake.sent_log
    assert second.at - first.at >= 0.3 - 0.02


async def test_an_older_file_gets_lanes_from_its_kinds(
    tmp_path: Path, fake: FakeBotAPI, bot: Bot
) -> None:
    """Rows queued before migration 0007 keep waiting, now in the lane of their kind."""
    path = tmp_path / "before-lanes.sqlite3"
    conn = await connect(path)
    assert await migrate(conn, target=6) == 6
    kinds = ["broadcast", "press.summary", "reminder", "day-offer", "moved", "test"]
    await conn.executemany(
        "INSERT INTO outbox (kind, key, chat_id, text, queued_at) VALUES (?, 'k', ?, ?, ?)",
        [(kind, 500 + n, kind, NOW.isoformat()) for n, kind in enumerate(kinds)],
    )
    await conn.commit()
    await conn.close()

    store = await Store.open(path)
    try:
        async with store.conn.execute("SELECT kind, lane FROM outbox ORDER BY id") as cursor:
            lanes = {row[0]: row[1] async for row in cursor}
        assert lanes == {kind: lane_for(kind) for kind in kinds}
        assert lanes == {
            "broadcast": 2,
            "press.summary": 1,
            "reminder": 0,
            "day-offer": 0,
            "moved": 0,
            "test": 1,
        }
        for n in range(len(kinds)):
            fake.user(500 + n)
        delivery = Delivery(store.outbox, bot, SystemClock(), FAST)
        await delivery.start()
        try:
            await finished(delivery, *[(kind, "k") for kind in kinds])
        finally:
            await delivery.stop()
    finally:
        await store.close()
    assert [fake.chat_messages(chat)[0]["text"] for chat in order_of_chats(fake)] == [
        "reminder",
        "day-offer",
        "moved",
        "press.summary",
        "test",
        "broadcast",
    ]


async def test_new_rows_are_written_with_their_lane(opened: Store) -> None:
    await opened.outbox.enqueue("reminder", "x", [NewRow(1, "a", None)], NOW)
    await opened.outbox.enqueue("broadcast", "7", [NewRow(1, "b", None)], NOW)
    assert [r.text for r in await opened.outbox.queued(0, 10, Lane.PUNCTUAL)] == ["a"]
    assert [r.lane for r in await opened.outbox.queued(0, 10, Lane.BULK)] == [Lane.BULK]
    assert await opened.outbox.queued(0, 10, Lane.PERSONAL) == []
    assert [r.lane for r in await opened.outbox.queued(0, 10)] == [Lane.PUNCTUAL, Lane.BULK]


async def test_rows_withdrawn_from_the_store_are_forgotten_in_memory(
    fake: FakeBotAPI, bot: Bot, opened: Store
) -> None:
    """A reminder withdrawn (unfollowed) while the worker already holds it is not sent."""
    users = [fake.user(700 + n) for n in range(3)]
    limits = DeliveryLimits(rate=2, chat_interval=0.0)
    delivery = Delivery(opened.outbox, bot, SystemClock(), limits)
    await delivery.enqueue([Outgoing(u.id, "soon") for u in users], kind="reminder", key="s@15")
    await delivery.start()
    try:
        await users[0].receive()  # the worker has read all three by now
        await opened.conn.execute("DELETE FROM outbox WHERE chat_id = ?", (users[2].id,))
        delivery.withdrawn("reminder", users[2].id, ["s@15"])
        await users[1].receive()
        await users[2].expect_nothing(0.6)
    finally:
        await delivery.stop()
    assert not users[2].messages
