"""A real mix of traffic against the running bot, shared by a test and a benchmark.

Issue 10: while a broadcast went out, users switching language or opening /reminders got
«database is locked» (two connections to one file), and one failed outbox write poisoned
the outbox's connection until a restart. The mix: a broadcast at a high rate, active users
flipping their language and opening /reminders, users blocking and unblocking the bot,
newcomers sending /start, and a content load from a second connection (what
`python -m bot load` does from another process).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.app import App
from bot.config import Settings
from bot.content.service import ContentService
from bot.delivery import DeliveryProgress, Outgoing
from bot.store.holder import Store
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local, running_app
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser
from tests.scheduler import ClockScheduler

APOLOGY = "Sorry, something went wrong"
SWITCHES = 3
WAIT = 60.0


@dataclass(frozen=True)
class Mix:
    recipients: int
    active: int
    stormy: int
    newcomers: int


@dataclass
class MixReport:
    failed_actions: int = 0
    apologies: int = 0
    languages_lost: int = 0
    newcomers_lost: int = 0
    left_unreachable: int = 0
    broadcast: DeliveryProgress | None = None
    locked_errors: int = 0
    seconds: float = 0.0
    examples: list[str] = field(default_factory=list)

    @property
    def failures(self) -> int:
        lost = 0 if self.broadcast is None else self.broadcast.total - self.broadcast.sent
        return (
            self.failed_actions
            + self.apologies
            + self.languages_lost
            + self.newcomers_lost
            + self.left_unreachable
            + lost
            + self.locked_errors
        )


class _LockedCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage() + str(record.exc_info[1] if record.exc_info else "")
        if "locked" in text or "in progress" in text:
            self.count += 1


async def switch_languages(user: FakeUser) -> str:
    """/start, then flip the language a few times and open /reminders; the last choice."""
    await user.send("/start")
    menu = await user.receive(timeout=WAIT)
    chosen = "ru"
    for turn in range(SWITCHES):
        chosen = "en" if turn % 2 == 0 else "ru"
        await user.press(menu, "🇬🇧 English" if chosen == "en" else "🇷🇺 Русский")
        menu = await user.receive(timeout=WAIT)
    await user.send("/reminders")
    await user.receive(timeout=WAIT)
    return chosen


async def storm(user: FakeUser) -> None:
    for _ in range(SWITCHES):
        user.blocks_bot()
        await asyncio.sleep(0.01)
        user.restarts_bot()
        await asyncio.sleep(0.01)


async def load_from_another_connection(path: Path) -> None:
    other = await Store.open(path)
    try:
        await ContentService(other, ManualClock(local(5, 9))).load(DATA_DIR)
    finally:
        await other.close()


async def finished(app: App, kind: str, key: str) -> DeliveryProgress:
    async with asyncio.timeout(WAIT * 5):
        while True:
            progress = await app.delivery.progress(kind, key)
            if progress.finished:
                return progress
            await asyncio.sleep(0.05)


async def run_mix(
    fake: FakeBotAPI, settings: Settings, clock: ManualClock, scheduler: ClockScheduler, mix: Mix
) -> MixReport:
    report = MixReport()
    counter = _LockedCounter()
    logging.getLogger().addHandler(counter)
    recipients = [fake.user(500_000 + n) for n in range(mix.recipients)]
    active = [fake.user(600_000 + n, language_code="ru") for n in range(mix.active)]
    stormy = [fake.user(700_000 + n) for n in range(mix.stormy)]
    newcomers = [fake.user(800_000 + n, language_code="en") for n in range(mix.newcomers)]
    started = time.monotonic()
    try:
        async with running_app(settings, clock, scheduler) as app:
            for user in recipients + stormy:
                await app.users.seen(user.id, "Test", None, "ru")
            await app.delivery.enqueue(
                [Outgoing(chat_id=user.id, text="Объявление") for user in recipients],
                kind="broadcast",
                key="mix",
            )
            results = await asyncio.gather(
                *(switch_languages(user) for user in active),
                *(storm(user) for user in stormy),
                *(user.send("/start") for user in newcomers),
                load_from_another_connection(settings.database_path),
                return_exceptions=True,
            )
            failures = [r for r in results if isinstance(r, BaseException)]
            report.failed_actions = len(failures)
            report.examples = [repr(f) for f in failures[:3]]
            for user in newcomers:
                await user.receive(timeout=WAIT)
            report.broadcast = await finished(app, "broadcast", "mix")
            await _check(app, report, active, results[: mix.active], stormy, newcomers)
            # The connection is healthy after all of it: one more send goes through.
            await app.delivery.enqueue(
                [Outgoing(chat_id=recipients[0].id, text="ещё")], kind="broadcast", key="after"
            )
            if (await finished(app, "broadcast", "after")).sent != 1:
                report.failed_actions += 1
    finally:
        logging.getLogger().removeHandler(counter)
    report.locked_errors = counter.count
    report.seconds = time.monotonic() - started
    return report


async def _check(
    app: App,
    report: MixReport,
    active: list[FakeUser],
    chosen: list[object],
    stormy: list[FakeUser],
    newcomers: list[FakeUser],
) -> None:
    for user, language in zip(active, chosen, strict=True):
        stored = await app.store.users.stored(user.id)
        report.languages_lost += stored is None or stored.language != language
    for user in newcomers:
        report.newcomers_lost += not await app.store.users.exists(user.id)
    report.apologies = sum(
        APOLOGY in m.get("text", "") for u in active + newcomers for m in u.messages
    )
    # Every stormy user's last update said «unblocked»: once handled, all are reachable.
    async with asyncio.timeout(WAIT):
        while True:
            left = [u for u in stormy if await app.store.outbox.is_unreachable(u.id)]
            if not left:
                break
            await asyncio.sleep(0.05)
    report.left_unreachable = len(left)
