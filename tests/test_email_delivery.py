"""The email worker against a real SMTP server in the test process: what arrives, and the
faults (4xx, 5xx, a dropped line, the server down in the middle of a release to 200
journalists, a restart mid-send): nothing lost, nothing sent twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable

import pytest

from bot.delivery.email_smtp import SmtpServer as SmtpAddress
from bot.delivery.email_smtp import SmtpTransport
from bot.delivery.email_worker import EmailDelivery, EmailLimits
from bot.email.compose import Sender
from bot.email.values import Contact, ContactForm, Letter, Topic
from bot.email.wire import Composer
from bot.store.holder import Store
from tests.clock import ManualClock
from tests.conftest import local
from tests.email_kit import SmtpServer, smtp_server

FAST = EmailLimits(rate=1000.0, retry_base=0.01, longest_wait=0.05, max_attempts=4)
SENDER = Sender("Press office", "press@example.org", "Press office")
LETTER = Letter("A release", "The text. {{unsubscribe}}", "<p>The text. {{unsubscribe}}</p>")


@pytest.fixture
async def smtp() -> AsyncIterator[SmtpServer]:
    async with smtp_server() as server:
        yield server


class Bounces:
    def __init__(self) -> None:
        self.told: list[int] = []

    async def __call__(self, contact: Contact) -> None:
        self.told.append(contact.id)


def worker(
    store: Store, smtp: SmtpServer, bounces: Bounces, limits: EmailLimits = FAST
) -> EmailDelivery:
    clock = ManualClock(local(5, 12))

    transport = SmtpTransport(SmtpAddress("127.0.0.1", smtp.port, "none", timeout=5))
    composer = Composer(
        SENDER, lambda contact: f"https://press.example.org/u?c={contact}", clock.now
    )
    return EmailDelivery(store, transport, composer, bounces, clock, limits)


async def release_to(store: Store, count: int, key: str = "1") -> list[str]:
    """``count`` journalists with an address, and a release queued to each of them."""
    now = local(5, 11)
    addresses = [f"journalist{n}@newsroom{n % 7}.com" for n in range(count)]
    async with store.transaction():
        for n, address in enumerate(addresses):
            await store.email_contacts.add(
                ContactForm(f"Journalist {n}", "Newsroom", address, "en"), None, 900001, now
            )
        body = await store.email_outbox.body("email.release", key, "en", LETTER)
        contacts = await store.email_contacts.all()
        await store.email_outbox.enqueue(
            "email.release", key, [(c.id, body) for c in contacts], now
        )
    return addresses


async def until(condition: Callable[[], bool], within: float = 20.0) -> None:
    """Polls a condition the worker makes true (a few milliseconds at a time)."""
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110 (the worker has no event to wait on)
            await asyncio.sleep(0.005)


def delivered(smtp: SmtpServer) -> Counter[str]:
    return Counter(str(m["To"]) for m in smtp.inbox.messages)


async def test_a_release_arrives_once_per_address_with_both_parts(
    store: Store, smtp: SmtpServer
) -> None:
    addresses = await release_to(store, 3)
    sending = worker(store, smtp, Bounces())
    await sending.start()
    try:
        await smtp.inbox.wait_for(3)
    finally:
        await sending.stop()
    message = smtp.inbox.messages[0]
    assert message.get_content_type() == "multipart/alternative"
    assert (
        message.get_body(("plain",)).get_content()
        == "The text. https://press.example.org/u?c=1\r\n"
    )
    assert "<p>The text. <a href=" in message.get_body(("html",)).get_content()
    assert sorted(delivered(smtp)) == sorted(
        f"Journalist {n} <{a}>" for n, a in enumerate(addresses)
    )
    assert await store.email_outbox.counts() == {"sent": 3}


async def test_a_temporary_refusal_is_retried_and_arrives_once(
    store: Store, smtp: SmtpServer
) -> None:
    addresses = await release_to(store, 2)
    smtp.inbox.refuse[addresses[0]] = "451 4.7.1 Greylisted, try again later"
    smtp.inbox.refuse_times[addresses[0]] = 2
    sending = worker(store, smtp, Bounces())
    await sending.start()
    try:
        await smtp.inbox.wait_for(2)
    finally:
        await sending.stop()
    assert set(delivered(smtp).values()) == {1}
    rows = await store.db.execute_fetchall("SELECT contact_id, attempts, state FROM email_outbox")
    assert sorted(tuple(r) for r in rows) == [(1, 3, "sent"), (2, 1, "sent")]


async def test_a_permanent_refusal_marks_the_address_bouncing_and_tells_once(
    store: Store, smtp: SmtpServer
) -> None:
    addresses = await release_to(store, 3)
    async with store.transaction():  # a second message waits for the refused address too
        body = await store.email_outbox.body("email.summary", "d", "en", LETTER)
        await store.email_outbox.enqueue("email.summary", "d", [(2, body), (3, body)], local(5, 11))
    smtp.inbox.refuse[addresses[1]] = "550 5.1.1 No such user"
    bounces = Bounces()
    sending = worker(store, smtp, bounces)
    await sending.start()
    try:
        await smtp.inbox.wait_for(3)
        await until(lambda: bounces.told == [2])
    finally:
        await sending.stop()
    assert bounces.told == [2]
    contact = await store.email_contacts.get(2)
    assert contact is not None
    assert contact.bouncing
    assert addresses[1] not in str(delivered(smtp))
    assert await store.email_outbox.counts() == {"sent": 3, "bounced": 2}
    assert [c.id for c in await store.email_contacts.wanting(Topic.RELEASES)] == [1, 3]


async def test_a_dropped_line_loses_nothing(store: Store, smtp: SmtpServer) -> None:
    await release_to(store, 5)
    smtp.inbox.drop = 2
    sending = worker(store, smtp, Bounces())
    await sending.start()
    try:
        await smtp.inbox.wait_for(5)
    finally:
        await sending.stop()
    assert len(smtp.inbox.messages) == 5
    assert set(delivered(smtp).values()) == {1}


async def test_the_server_down_during_a_release_to_200_loses_nothing_sends_nothing_twice(
    store: Store, smtp: SmtpServer
) -> None:
    addresses = await release_to(store, 200)
    down = asyncio.Event()

    async def outage_after(count: int) -> None:
        await until(lambda: len(smtp.inbox.messages) >= count)
        smtp.inbox.drop = 1  # the next message is cut off, then nobody answers at all
        await until(lambda: smtp.inbox.drop == 0)
        await smtp.stop()
        down.set()

    sending = worker(store, smtp, Bounces())
    outage = asyncio.create_task(outage_after(60))
    await sending.start()
    try:
        await down.wait()
        await until(lambda: sending.pauses >= 4)  # refused connections, backing off
        assert (await store.db.execute_fetchall("SELECT count(*) FROM email_outbox"))[0][0] == 200
        await smtp.start()
        await smtp.inbox.wait_for(200)
        await until(lambda: sending.pauses == 0)
    finally:
        await sending.stop()
        await outage
    counts = delivered(smtp)
    assert len(counts) == 200
    assert set(counts.values()) == {1}
    assert len({m["Message-ID"] for m in smtp.inbox.messages}) == 200
    assert await store.email_outbox.counts() == {"sent": 200}
    assert sorted(addresses) == sorted(m["To"].addresses[0].addr_spec for m in smtp.inbox.messages)


async def test_a_restart_mid_send_resumes_where_it_stopped(store: Store, smtp: SmtpServer) -> None:
    await release_to(store, 40)
    first = worker(store, smtp, Bounces(), EmailLimits(rate=200.0, retry_base=0.01))
    await first.start()
    await smtp.inbox.wait_for(10)
    await first.stop()
    stopped_at = len(smtp.inbox.messages)
    assert stopped_at < 40
    assert (await store.email_outbox.counts())["sent"] == stopped_at
    second = worker(store, smtp, Bounces())
    await second.start()
    try:
        await smtp.inbox.wait_for(40)
    finally:
        await second.stop()
    assert len(smtp.inbox.messages) == 40
    assert set(delivered(smtp).values()) == {1}


async def test_an_unsubscribed_address_gets_nothing_more(store: Store, smtp: SmtpServer) -> None:
    await release_to(store, 2)
    async with store.transaction():
        await store.email_contacts.unsubscribe(1, local(5, 11))
        await store.email_outbox.drop_for(1)
    sending = worker(store, smtp, Bounces())
    await sending.start()
    try:
        await smtp.inbox.wait_for(1)
    finally:
        await sending.stop()
    assert len(smtp.inbox.messages) == 1
    assert await store.email_outbox.counts() == {"sent": 1, "cancelled": 1}
