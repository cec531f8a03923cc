"""A real SMTP server in the test process (aiosmtpd on the test's own event loop), with
faults on demand: refuse a recipient (4xx/5xx), drop the line, or be down altogether."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.smtp import SMTP

from bot.config import Settings

SECRET = "test-link-secret-0123456789abcdef"
SENDER = "Пресс-служба встречи <press@example.org>"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Inbox:
    """aiosmtpd's handler: keeps what arrives; ``refuse`` answers RCPT for an address,
    ``drop`` closes the line after DATA a number of times (the message is lost)."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []
        self.refuse: dict[str, str] = {}
        self.refuse_times: dict[str, int] = {}
        self.drop = 0
        self.arrived = asyncio.Condition()

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        reply = self.refuse.get(address)
        if reply is not None:
            left = self.refuse_times.get(address)
            if left is not None:
                self.refuse_times[address] = left - 1
                if left - 1 <= 0:
                    del self.refuse[address]
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: SMTP, session: Any, envelope: Any
    ) -> str:
        if self.drop:
            self.drop -= 1
            server.transport.close()
            return "421 closing"
        content = bytes(envelope.original_content or envelope.content)
        parsed = message_from_bytes(content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        async with self.arrived:
            self.raw.append(content)
            self.messages.append(parsed)
            self.arrived.notify_all()
        return "250 Message accepted"

    async def wait_for(self, count: int, within: float = 20) -> list[EmailMessage]:
        """Until ``count`` messages in all have arrived (no fixed sleeps)."""
        async with self.arrived:
            await asyncio.wait_for(
                self.arrived.wait_for(lambda: len(self.messages) >= count), within
            )
        return self.messages

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


class SmtpServer:
    """Listens on a fixed port, so it can be stopped (connection refused) and started
    again on the same address, as a real relay going down and coming back."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self._server: asyncio.Server | None = None
        self._sessions: list[SMTP] = []

    def _session(self) -> SMTP:
        session = SMTP(self.inbox, hostname="mx.test", enable_SMTPUTF8=True)
        self._sessions.append(session)
        return session

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(self._session, "127.0.0.1", self.port)

    async def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            for session in self._sessions:  # the clients' open lines drop too
                if session.transport is not None:
                    session.transport.close()
            self._sessions.clear()
            await server.wait_closed()


@asynccontextmanager
async def smtp_server() -> AsyncIterator[SmtpServer]:
    server = SmtpServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


def email_settings(settings: Settings, server: SmtpServer, links: str, **changes: Any) -> Settings:
    changed = settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": server.port,
            "smtp_security": "none",
            "smtp_from": SENDER,
            "smtp_rate": 200.0,
            "email_link_secret": SECRET,
            "email_public_url": links,
            **changes,
        }
    )
    return Settings.model_validate(changed.model_dump())


def attachments(message: EmailMessage) -> dict[str, bytes]:
    found = {}
    for part in message.iter_attachments():
        assert isinstance(part, EmailMessage)
        payload = part.get_content()
        found[part.get_filename() or ""] = payload if isinstance(payload, bytes) else b""
    return found


def bodies(message: EmailMessage) -> tuple[str, str]:
    """The text and the HTML part of a multipart/alternative message."""
    plain = message.get_body(("plain",))
    rich = message.get_body(("html",))
    assert plain is not None
    assert rich is not None
    return str(plain.get_content()), str(rich.get_content())
