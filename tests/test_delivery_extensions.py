"""What broadcasts added to the delivery component: media, paid broadcast, deep buffers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram import Bot
from aiogram.types import BufferedInputFile

from bot.config import Settings
from bot.delivery import Delivery, DeliveryLimits, DeliveryProgress, Outgoing
from bot.delivery.values import Media, MediaKind
from bot.store.holder import Store
from bot.time.clock import SystemClock
from bot.wiring import build_bot
from tests.conftest import TOKEN
from tests.fake_bot_api import FakeBotAPI


@pytest.fixture
async def opened(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "delivery.sqlite3")
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


async def deliver(
    bot: Bot, store: Store, messages: list[Outgoing], limits: DeliveryLimits, key: str
) -> DeliveryProgress:
    """Run a worker until the batch is done, then stop it (its outcomes are then written)."""
    delivery = Delivery(store.outbox, bot, SystemClock(), limits)
    await delivery.start()
    try:
        await delivery.enqueue(messages, kind="t", key=key)
        async with asyncio.timeout(10):
            while not (await delivery.progress("t", key)).finished:  # noqa: ASYNC110
                await asyncio.sleep(0.02)
    finally:
        await delivery.stop()
    return await delivery.progress("t", key)


async def test_more_recipients_than_the_buffer_all_get_it(
    fake: FakeBotAPI, bot: Bot, opened: Store
) -> None:
    """Regression: with every buffered row in flight the worker idled and never refilled."""
    users = [fake.user(100 + n) for n in range(25)]
    limits = DeliveryLimits(rate=1_000_000, buffer=10, paid_broadcast=True)  # no pacing
    progress = await deliver(bot, opened, [Outgoing(u.id, "hi") for u in users], limits, "buf")
    assert progress.sent == 25
    assert all(len(u.messages) == 1 for u in users)


async def test_photo_and_document_go_by_file_id_with_the_caption(
    fake: FakeBotAPI, bot: Bot, opened: Store
) -> None:
    first, second = fake.user(201), fake.user(202)
    photo = await bot.send_photo(first.id, BufferedInputFile(b"\x89PNG\r\n\x1a\n", "p.png"))
    document = await bot.send_document(first.id, BufferedInputFile(b"agenda", "agenda.txt"))
    assert photo.photo is not None
    assert document.document is not None
    messages = [
        Outgoing(201, "<b>Photo</b>", media=Media(MediaKind.PHOTO, photo.photo[-1].file_id)),
        Outgoing(202, "", media=Media(MediaKind.DOCUMENT, document.document.file_id)),
    ]
    progress = await deliver(bot, opened, messages, DeliveryLimits(rate=30), "media")
    assert progress.sent == 2
    assert first.messages[-1]["caption"] == "Photo"
    assert first.messages[-1]["caption_entities"][0]["type"] == "bold"
    assert second.messages[-1]["document"]["file_name"] == "agenda.txt"
    assert "caption" not in second.messages[-1]


async def test_paid_broadcast_is_asked_for_only_when_enabled(
    fake: FakeBotAPI, bot: Bot, opened: Store
) -> None:
    fake.user(301)
    fake.user(302)
    await deliver(bot, opened, [Outgoing(301, "free")], DeliveryLimits(rate=30), "free")
    paid = DeliveryLimits(rate=1000, paid_broadcast=True)
    await deliver(bot, opened, [Outgoing(302, "paid")], paid, "paid")
    calls = fake.calls_to("sendMessage")
    flags = {c.params["chat_id"]: c.params.get("allow_paid_broadcast") for c in calls}
    assert flags == {301: None, 302: True}


def test_rates_above_telegrams_free_limit_need_paid_broadcast() -> None:
    with pytest.raises(ValueError, match="DELIVERY_PAID_BROADCAST"):
        Settings(_env_file=None, delivery_rate=100)  # type: ignore[call-arg]
    paid = Settings(_env_file=None, delivery_rate=1000, delivery_paid_broadcast=True)  # type: ignore[call-arg]
    assert paid.delivery_rate == 1000
