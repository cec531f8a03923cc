"""One SMTP connection (aiosmtplib) and what a server's answer means for a message.

The worker keeps one connection open and hands it one message at a time. The verdicts:
SENT; TEMPORARY (4xx for this message: try it again later); BOUNCED (5xx for the
recipient or the message: the address is refused for good); DOWN (no connection,
a timeout, a dropped line, or the server refusing us rather than the address: wait, then
reconnect, and the message keeps its place).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from enum import StrEnum

import aiosmtplib

from bot.email.wire import Envelope

log = logging.getLogger(__name__)


class Verdict(StrEnum):
    SENT = "sent"
    TEMPORARY = "temporary"
    BOUNCED = "bounced"
    DOWN = "down"


@dataclass(frozen=True, slots=True)
class SmtpServer:
    """Where and how to connect; built from the SMTP_* settings."""

    host: str
    port: int
    security: str = "starttls"
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0


@dataclass(frozen=True, slots=True)
class Answer:
    verdict: Verdict
    error: str = ""


ADDRESS = re.compile(r"[^\s<>'\"(),;:\[\]]+@[^\s<>'\"(),;:\[\]]+")
"""Anything shaped like an email address in a server's answer."""


def without_addresses(text: str) -> str:
    """A server's answer as it is logged and stored: servers quote the address they
    refuse, which a log line and an error column must not keep (docs/personal-data.md)."""
    return ADDRESS.sub("<address>", text)


def _refused(code: int, error: str) -> Answer:
    return Answer(Verdict.BOUNCED if code >= 500 else Verdict.TEMPORARY, error)


def judge(error: Exception) -> Answer:
    """What an aiosmtplib error means for the message being sent."""
    text = without_addresses(f"{type(error).__name__}: {error}")[:500]
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused) and error.recipients:
        return _refused(error.recipients[0].code, text)
    if isinstance(error, aiosmtplib.SMTPRecipientRefused | aiosmtplib.SMTPDataError):
        return _refused(error.code, text)
    ours = aiosmtplib.SMTPSenderRefused | aiosmtplib.SMTPAuthenticationError
    if isinstance(error, ours | aiosmtplib.SMTPHeloError):
        return Answer(Verdict.DOWN, text)  # our settings, not the reader's address
    if isinstance(error, aiosmtplib.SMTPResponseException) and 400 <= error.code < 500:
        return Answer(Verdict.TEMPORARY, text)
    return Answer(Verdict.DOWN, text)


class SmtpTransport:
    """Sends one message at a time over one connection, opened on first use and again
    after it drops."""

    def __init__(self, server: SmtpServer) -> None:
        self._server = server
        self._client: aiosmtplib.SMTP | None = None

    async def send(self, envelope: Envelope) -> Answer:
        utf8 = not (envelope.sender + envelope.recipient).isascii()
        try:
            client = await self._connected()
            await client.sendmail(
                envelope.sender,
                [envelope.recipient],
                envelope.data,
                mail_options=["SMTPUTF8"] if utf8 else None,
            )
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            answer = judge(error)
            if answer.verdict is Verdict.DOWN:
                await self.close()
            return answer
        return Answer(Verdict.SENT)

    async def _connected(self) -> aiosmtplib.SMTP:
        if self._client is not None and self._client.is_connected:
            return self._client
        server = self._server
        client = aiosmtplib.SMTP(
            hostname=server.host,
            port=server.port,
            username=server.user,
            password=server.password,
            timeout=server.timeout,
            use_tls=server.security == "tls",
            start_tls=server.security == "starttls",
        )
        await client.connect()
        self._client = client
        return client

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None and client.is_connected:
            try:
                await client.quit()
            except (aiosmtplib.SMTPException, OSError, TimeoutError):
                client.close()
