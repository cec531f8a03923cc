"""The press centre's services on a real store, with an outbox that only records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aiogram import Bot

from bot.delivery import Delivery, DeliveryLimits, Outgoing
from bot.delivery.notify import Notifier, Queue
from bot.i18n.catalogues import build_i18n, language_scope
from bot.press.centre import PressCentre
from bot.press.values import AccreditationForm, AccreditationStatus
from bot.store.holder import Store
from bot.summaries.service import SummaryService
from bot.users.access import AccessService
from bot.users.values import Role, User
from handlers.press.notices import PressMessages
from handlers.summaries.notices import SummaryMessages
from tests.clock import ManualClock
from tests.conftest import TOKEN

ORGANISER = 900001
OFFICE = User(ORGANISER, "Press office", "en", Role.ORGANISER)
GUEST = User(2099, "Guest", "en")


def journalist(user_id: int = 2001) -> User:
    """A journalist as the chat hands them to a service (accredited or not: the store says)."""
    return User(user_id, "Journalist", "en", Role.PRESS)


class RecordingOutbox:
    """Stands in for ``Delivery``: keeps what was enqueued, unique per (kind, key, chat)."""

    def __init__(self) -> None:
        self.sent: dict[tuple[str, str, int], Outgoing] = {}

    async def enqueue(self, messages: Sequence[Outgoing], *, kind: str, key: str) -> int:
        new = [m for m in messages if (kind, key, m.chat_id) not in self.sent]
        self.sent.update({(kind, key, m.chat_id): m for m in new})
        return len(new)

    def to(self, chat_id: int) -> list[tuple[str, str]]:
        return [(kind, key) for kind, key, chat in self.sent if chat == chat_id]


@dataclass(frozen=True)
class Press:
    centre: PressCentre
    summaries: SummaryService
    notifier: Notifier
    outbox: Queue


def press_services(
    store: Store, clock: ManualClock, outbox: RecordingOutbox | None = None
) -> Press:
    """Wired as ``bot/app.py`` wires them, the outbox aside."""
    outbox = outbox or RecordingOutbox()
    i18n = build_i18n("ru")
    notifier = Notifier(outbox, store.users, "ru", language_scope(i18n))
    access = AccessService(store, (ORGANISER,))
    summaries = SummaryService(store, clock, notifier, SummaryMessages())
    centre = PressCentre.build(store, clock, notifier, PressMessages(i18n), summaries, access)
    return Press(centre, summaries, notifier, outbox)


def store_delivery(store: Store, clock: ManualClock) -> Delivery:
    """The real delivery, never started: what it queues lands in the store's outbox, inside
    the caller's transaction, so a rolled-back operation leaves no row."""
    return Delivery(store.outbox, Bot(TOKEN), clock, DeliveryLimits())


async def known(store: Store, user_id: int, clock: ManualClock) -> None:
    """The user has talked to the bot (a users row, as after /start)."""
    await store.users.touch(user_id, "Someone", None, "en", clock.now())


async def accredit(store: Store, user_id: int, clock: ManualClock) -> None:
    """Accredited behind the scenes, as the e2e tests do."""
    await known(store, user_id, clock)
    form = AccreditationForm("Journalist Name", "Newsroom", "correspondent", "+993 12 345678")
    application = await store.accreditations.apply(user_id, form, clock.now())
    assert application is not None
    await store.accreditations.decide(
        application.id, AccreditationStatus.APPROVED, ORGANISER, clock.now()
    )
    await store.press_subscribers.subscribe_by_default(user_id)


TABLES = (
    "accreditations",
    "users",
    "press_subscribers",
    "press_releases",
    "summaries",
    "quote_requests",
    "quotes",
    "outbox",
)


async def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row the press centre writes, to compare before and after an operation."""
    return {
        table: [tuple(row) for row in await store.db.execute_fetchall(f"SELECT * FROM {table}")]
        for table in TABLES
    }
