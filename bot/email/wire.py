"""Messages as bytes for the SMTP server, the attachments encoded once per letter.

A release goes to hundreds of addresses with the same PDF and DOCX; only the headers and
the text/HTML (with each reader's unsubscribe link) differ. So the attachments are
encoded (base64) and flattened once per stored letter, and each reader's message is its
headers, its own text/HTML part, and those bytes, under one ``multipart/mixed`` boundary.
``bot.email.compose.compose`` builds the same message with the standard library alone;
the tests parse what arrives to check that the two agree.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.message import MIMEPart

from bot.email.compose import Sender, attachment_part, compose, headed, readable
from bot.email.values import Contact, Letter, QueuedEmail

KEPT = 16
"""Letters whose encoded attachments are kept (a release, a summary, an advisory…)."""


@dataclass(frozen=True, slots=True)
class Envelope:
    """One message for one reader, as the SMTP server gets it."""

    sender: str
    recipient: str
    data: bytes


class Composer:
    """Addresses a stored letter to one reader (the email worker's ``Address``)."""

    def __init__(
        self, sender: Sender, unsubscribe: Callable[[int], str], now: Callable[[], dt.datetime]
    ) -> None:
        self._sender = sender
        self._unsubscribe = unsubscribe
        self._now = now
        self._tails: OrderedDict[int, tuple[bytes, bytes]] = OrderedDict()

    def __call__(self, letter: Letter, contact: Contact, row: QueuedEmail) -> Envelope:
        link, now, sender = self._unsubscribe(contact.id), self._now(), self._sender
        if not letter.attachments:
            whole = compose(
                letter, contact, sender, row_id=row.id, kind=row.kind, unsubscribe=link, now=now
            )
            return Envelope(sender.address, contact.address, whole.as_bytes())
        boundary, tail = self._tail(row.body_id, letter)
        head = headed(
            letter, contact, sender, row_id=row.id, kind=row.kind, unsubscribe=link, now=now
        )
        head["MIME-Version"] = "1.0"
        head["Content-Type"] = f'multipart/mixed; boundary="{boundary.decode()}"'
        head["Content-Language"] = contact.language
        text = MIMEPart(policy=policy.SMTP)
        readable(text, letter, link)
        lines = b"".join(policy.SMTP.fold_binary(name, value) for name, value in head.items())
        data = b"%s\r\n--%s\r\n%s\r\n%s--%s--\r\n" % (
            lines,
            boundary,
            text.as_bytes(),
            tail,
            boundary,
        )
        return Envelope(self._sender.address, contact.address, data)

    def _tail(self, body_id: int, letter: Letter) -> tuple[bytes, bytes]:
        """The boundary and every attachment part after it, encoded once per letter."""
        kept = self._tails.get(body_id)
        if kept is None:
            boundary = f"=_press_{secrets.token_hex(12)}".encode()
            tail = b"".join(
                b"--%s\r\n%s\r\n" % (boundary, attachment_part(a).as_bytes())
                for a in letter.attachments
            )
            kept = self._tails[body_id] = (boundary, tail)
            if len(self._tails) > KEPT:
                self._tails.popitem(last=False)
        self._tails.move_to_end(body_id)
        return kept
