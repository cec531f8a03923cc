"""The delivery component against the fake Bot API: limits, 429, 403, 5xx, 400, restarts."""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.app import App
from bot.config import Settings
from bot.delivery import DeliveryProgress, Outgoing
from bot.delivery.outbox import NewRow
from bot.store.holder import Store
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, TOKEN, running_app
from tests.fake_bot_api import FakeBotAPI
from tests.scheduler import ClockScheduler

CHAT_INTERVAL = 0.3


@pytest.fixture
def settings(tmp_path: Path, fake: FakeBotAPI) -> Settings:
    """A short per-chat interval and quick retries so the waits stay short."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=fake.url,
        database_path=tmp_path / "bot.sqlite3",
        data_dir=DATA_DIR,
        polling_timeout=5,
        delivery_chat_interval=CHAT_INTERVAL,
        delivery_max_attempts=3,
        delivery_retry_base=0.05,
    )


async def until(condition: Callable[[], Any], timeout: float = 5.0) -> None:  # noqa: ASYNC109
    """Poll the store: its state changes in the worker, which has no event to wait on."""
    async with asyncio.timeout(timeout):
        while not await condition():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


async def settled(app: App, kind: str, key: str) -> DeliveryProgress:
    async def done() -> bool:
        return (await app.delivery.progress(kind, key)).finished

    await until(done)
    await asyncio.sleep(0.05)  # let the writer record the last outcome
    return await app.delivery.progress(kind, key)


async def row(app: App, chat_id: int, key: str) -> dict[str, Any]:
    async with app.store.conn.execute(
        "SELECT state, attempts, error, sent_at FROM outbox WHERE chat_id = ? AND key = ?",
        (chat_id, key),
    ) as cursor:
        found = await cursor.fetchone()
    assert found is not None
    return dict(found)


def sends_to(fake: FakeBotAPI, chat_id: int) -> list[Any]:
    return [c for c in fake.calls_to("sendMessage") if c.params.get("chat_id") == chat_id]


class HeardAt(logging.Filter):
    """When (``time.monotonic()``, the fake's clock) the worker logged the 429."""

    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if self.at is None and "429" in record.getMessage():
            self.at = time.monotonic()
        return True


async def test_429_pauses_all_sending_and_nothing_is_sent_twice(fake: FakeBotAPI, app: App) -> None:
    users = [fake.user(3000 + i) for i in range(4)]
    fake.fail_next(status=429, retry_after=1)
    messages = [Outgoing(u.id, f"Hello <b>{u.id}</b>") for u in users]
    heard = HeardAt()
    worker_log = logging.getLogger("bot.delivery.worker")
    worker_log.addFilter(heard)
    try:
        assert await app.delivery.enqueue(messages, kind="test", key="k429") == 4
        progress = await settled(app, "test", "k429")
    finally:
        worker_log.removeFilter(heard)
    assert progress.sent == 4
    calls = fake.calls_to("sendMessage")
    limited = next(c for c in calls if c.status == 429)
    after = [c for c in calls if c.status == 200]
    assert len(after) == 4
    assert heard.at is not None
    # Sends already on their way when the 429 reached the bot may land; none leaves after.
    assert all(c.at < heard.at or c.at >= heard.at + 0.95 for c in after), "sent in the pause"
    assert next(c for c in after if c.params["chat_id"] == limited.params["chat_id"]).at >= (
        limited.at + 0.95
    )
    for user in users:
        assert (await user.receive())["text"] == f"Hello {user.id}"

    assert await app.delivery.enqueue(messages, kind="test", key="k429") == 0
    await users[0].expect_nothing(0.2)


async def test_403_marks_the_user_unreachable_until_they_write_again(
    fake: FakeBotAPI, app: App
) -> None:
    blocked, other = fake.user(3101), fake.user(3102)
    blocked.block()
    await app.delivery.enqueue([Outgoing(blocked.id, "one")], kind="test", key="a")
    await app.delivery.enqueue(
        [Outgoing(blocked.id, "two"), Outgoing(other.id, "two")], kind="test", key="b"
    )
    assert (await settled(app, "test", "a")).unreachable == 1
    progress = await settled(app, "test", "b")
    assert (progress.sent, progress.unreachable) == (1, 1)
    assert len(sends_to(fake, blocked.id)) == 1, "the pending message was dropped, not tried"

    await app.delivery.enqueue([Outgoing(blocked.id, "three")], kind="test", key="c")
    assert (await app.delivery.progress("test", "c")).unreachable == 1
    assert len(sends_to(fake, blocked.id)) == 1

    blocked.unblock()
    await blocked.send("/start")
    await blocked.receive()
    assert await app.delivery.enqueue([Outgoing(blocked.id, "four")], kind="test", key="d") == 1
    assert (await blocked.receive())["text"] == "four"


async def test_blocking_the_bot_is_noticed_at_once_and_undone_on_return(
    fake: FakeBotAPI, app: App
) -> None:
    user = fake.user(3201)
    user.blocks_bot()

    async def unreachable() -> bool:
        return await app.store.outbox.is_unreachable(user.id)

    await until(unreachable)
    await app.delivery.enqueue([Outgoing(user.id, "x")], kind="test", key="x")
    assert (await app.delivery.progress("test", "x")).unreachable == 1
    user.restarts_bot()

    async def reachable() -> bool:
        return not await app.store.outbox.is_unreachable(user.id)

    await until(reachable)
    await app.delivery.enqueue([Outgoing(user.id, "y")], kind="test", key="y")
    assert (await user.receive())["text"] == "y"
    assert not sends_to(fake, user.id)[:-1], "nothing was tried while blocked"


async def test_server_errors_are_retried_a_bounded_number_of_times(
    fake: FakeBotAPI, app: App
) -> None:
    lucky, unlucky, malformed = fake.user(3301), fake.user(3302), fake.user(3303)
    fake.fail_next(status=500, count=2, chat_id=lucky.id)
    fake.fail_next(status=502, count=10, chat_id=unlucky.id)
    messages = [
        Outgoing(lucky.id, "hi"),
        Outgoing(unlucky.id, "hi"),
        Outgoing(malformed.id, "<b>never closed"),
    ]
    await app.delivery.enqueue(messages, kind="test", key="5xx")
    progress = await settled(app, "test", "5xx")
    assert (progress.sent, progress.failed) == (1, 2)
    assert (await row(app, lucky.id, "5xx"))["attempts"] == 3
    failed = await row(app, unlucky.id, "5xx")
    assert (failed["state"], failed["attempts"]) == ("failed", 3)
    assert "Bad Gateway" in failed["error"]
    refused = await row(app, malformed.id, "5xx")
    assert (refused["state"], refused["attempts"]) == ("failed", 1), "a 400 is not retried"
    assert (await lucky.receive())["text"] == "hi"


async def test_one_message_per_interval_to_the_same_chat(fake: FakeBotAPI, app: App) -> None:
    assert Settings.model_fields["delivery_chat_interval"].default == 1.0, "Telegram's 1/s"
    user = fake.user(3401)
    for key in ("m1", "m2", "m3"):
        await app.delivery.enqueue([Outgoing(user.id, key)], kind="test", key=key)
    texts = [(await user.receive(timeout=5))["text"] for _ in range(3)]
    assert texts == ["m1", "m2", "m3"], "oldest first"
    times = [c.at for c in sends_to(fake, user.id)]
    assert all(b - a >= CHAT_INTERVAL - 0.02 for a, b in itertools.pairwise(times))


async def test_queued_messages_are_sent_after_a_restart(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock
) -> None:
    users = [fake.user(3500 + i) for i in range(3)]
    store = await Store.open(settings.database_path)
    rows = [NewRow(u.id, "left over", None) for u in users]
    assert await store.outbox.enqueue("test", "restart", rows, clock.now()) == (3, 0)
    await store.close()

    async with running_app(settings, clock, ClockScheduler(clock)) as app:
        assert (await settled(app, "test", "restart")).sent == 3
        for user in users:
            assert (await user.receive())["text"] == "left over"
        assert await app.delivery.cancel("test", "restart") == 0
