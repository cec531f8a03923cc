"""Email benchmark: one release to N addresses through the email outbox, at SMTP_RATE.

The SMTP server (``bench.smtp_sink``) runs in its own process and counts Message-IDs;
this process holds the store (the meeting loaded from data/), the press mail that renders
the release once per language (text, HTML, PDF, DOCX) and the email worker with its one
SMTP connection, as the bot builds them. Prints the rate reached against the limit, the
CPU time per message in this process, and what was lost or sent twice.

    python -m bench.email                      # 1,000 addresses at SMTP_RATE (.env)
    python -m bench.email --recipients 1000 --rate 50
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.content.models import Text
from bot.content.service import ContentService
from bot.delivery.email_smtp import SmtpServer, SmtpTransport
from bot.delivery.email_worker import EmailDelivery, EmailLimits
from bot.email.compose import Sender
from bot.email.links import UnsubscribeLinks
from bot.email.mail import PressMail
from bot.email.values import Contact, ContactForm
from bot.email.wire import Composer
from bot.i18n.catalogues import build_i18n, language_scope
from bot.press.values import PressRelease
from bot.store.holder import Store
from bot.time.clock import SystemClock
from handlers.email.letters import EmailLetters

DATA = Path(__file__).resolve().parent.parent / "data"
BODY = "\n\n".join(["Участники встречи обсудили развитие волонтёрского движения в регионе."] * 12)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def sink(port: int, report: Path) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.smtp_sink",
        "--port",
        str(port),
        "--report",
        str(report),
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    await process.stdout.readline()  # «ready»
    return process


async def addresses(store: Store, count: int, now: dt.datetime) -> None:
    async with store.transaction():
        for n in range(count):
            form = ContactForm(
                f"Журналист {n}", "Редакция", f"j{n}@newsroom{n % 50}.com", "ru" if n % 3 else "en"
            )
            await store.email_contacts.add(form, None, 1, now)


async def run(recipients: int, rate: float) -> dict[str, Any]:
    clock = SystemClock()
    with tempfile.TemporaryDirectory() as folder:
        port, report = free_port(), Path(folder) / "sink.json"
        server = await sink(port, report)
        store = await Store.open(Path(folder) / "bench.sqlite3")
        try:
            await ContentService(store, clock).load(DATA)
            await addresses(store, recipients, clock.now())
            result = await send(store, clock, port, recipients, rate)
        finally:
            await store.close()
            server.terminate()
            await server.wait()
        return {**result, **json.loads(report.read_text()), "recipients": recipients}


async def send(
    store: Store, clock: SystemClock, port: int, recipients: int, rate: float
) -> dict[str, Any]:
    links = UnsubscribeLinks("https://press.example.org", "bench-secret-0123456789")
    sender = Sender("Press office", "press@example.org", "Press office")

    async def bounced(_contact: Contact) -> None:
        return None

    transport = SmtpTransport(SmtpServer("127.0.0.1", port, "none"))
    composer = Composer(sender, links.url, clock.now)
    worker = EmailDelivery(store, transport, composer, bounced, clock, EmailLimits(rate=rate))
    mail = PressMail(store, clock, EmailLetters(), language_scope(build_i18n("ru")), worker.wake)
    event = await store.programme.event()
    assert event is not None
    release = PressRelease(
        1,
        "bench",
        Text(ru="Итоги дня", en="The day in brief"),
        Text(ru=BODY, en=BODY),
        clock.now(),
        None,
    )
    await worker.start()
    wall, cpu = time.perf_counter(), time.process_time()
    async with store.transaction():
        await mail.release_announced(release, event, clock.now())
    queued_s = time.perf_counter() - wall
    while (await store.email_outbox.counts()).get("sent", 0) < recipients:  # noqa: ASYNC110
        await asyncio.sleep(0.2)  # the worker has no «all sent» event; the store is the truth
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    await worker.stop()
    return {
        "rate": rate,
        "wall_s": wall,
        "cpu_s": cpu,
        "queued_s": queued_s,
        "sent": (await store.email_outbox.counts()).get("sent", 0),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.email",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--recipients", type=int, default=1000)
    parser.add_argument(
        "--rate", type=float, default=None, help="messages/s (default: SMTP_RATE from the settings)"
    )
    args = parser.parse_args(argv)
    rate = args.rate or Settings().smtp_rate
    result = asyncio.run(run(args.recipients, rate))
    print(f"recipients: {result['recipients']}  SMTP_RATE: {rate:g}/s")
    print(f"received by the server: {result['messages']}  (recorded as sent: {result['sent']})")
    print(f"lost: {result['recipients'] - result['unique']}")
    print(f"duplicates: {result['messages'] - result['unique']}")
    print(
        f"queued (rendered once per language, one row per address) in: {result['queued_s']:.2f} s"
    )
    reached = result["messages"] / result["wall_s"]
    print(f"rate reached: {reached:.1f} msg/s / SMTP_RATE {rate:g} = {reached / rate:.1%}")
    per = result["cpu_s"] / max(result["messages"], 1) * 1000
    print(f"CPU per message (this process, rendering included): {per:.2f} ms")


if __name__ == "__main__":
    main()
