"""A stored letter addressed to one reader: the RFC 5322 message the SMTP server gets.

Built with ``email.message.EmailMessage`` under ``policy.SMTP``: every header is folded
and, when it is not ASCII, encoded (RFC 2047), and a header value with a CR or LF is
refused by the library, so no name or subject can add a header. Names are collapsed to
one line first and go through ``email.headerregistry.Address``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime, parseaddr
from html import escape

from bot.email.texts import UNSUBSCRIBE_MARK
from bot.email.values import Attachment, Contact, Letter


@dataclass(frozen=True, slots=True)
class Sender:
    """Who the press office writes as, and the mailing list it writes for."""

    name: str
    address: str
    list_name: str

    @classmethod
    def parse(cls, smtp_from: str, list_name: str) -> Sender:
        name, address = parseaddr(smtp_from)
        return cls(one_line(name), address, one_line(list_name))

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2]


def one_line(text: str) -> str:
    """Whitespace (CR and LF included) collapsed: a header value stays one value."""
    return " ".join(text.split())


def address(name: str, addr_spec: str) -> Address:
    local, _at, domain = addr_spec.rpartition("@")
    return Address(display_name=one_line(name)[:200], username=local, domain=domain)


def message_id(row_id: int, kind: str, domain: str) -> str:
    """Stable per outbox row: a message sent again after a crash carries the same id, so
    mail programs show it once."""
    return f"<{re.sub(r'[^A-Za-z0-9.-]', '-', kind)}.{row_id}@{domain}>"


def headed(
    letter: Letter,
    contact: Contact,
    sender: Sender,
    *,
    row_id: int,
    kind: str,
    unsubscribe: str,
    now: dt.datetime,
) -> EmailMessage:
    """The message's headers, no body yet."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = address(sender.name, sender.address)
    message["To"] = address(contact.full_name, contact.address)
    message["Subject"] = one_line(letter.subject)
    message["Date"] = format_datetime(now.astimezone(dt.UTC))
    message["Message-ID"] = message_id(row_id, kind, sender.domain)
    message["List-Id"] = f"{sender.list_name} <press.{sender.domain}>"
    message["List-Unsubscribe"] = f"<{unsubscribe}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def readable(message: MIMEPart, letter: Letter, unsubscribe: str) -> None:
    """The text and the HTML part, with the reader's own unsubscribe link. Quoted-printable:
    7-bit on the wire, so no relay needs 8BITMIME for Cyrillic."""
    message.set_content(letter.text.replace(UNSUBSCRIBE_MARK, unsubscribe), cte="quoted-printable")
    link = f'<a href="{escape(unsubscribe)}">{escape(unsubscribe)}</a>'
    message.add_alternative(
        letter.html.replace(UNSUBSCRIBE_MARK, link), subtype="html", cte="quoted-printable"
    )


def attachment_part(attachment: Attachment) -> MIMEPart:
    part = MIMEPart(policy=policy.SMTP)
    main, _slash, sub = attachment.mime.partition("/")
    part.set_content(attachment.content, maintype=main, subtype=sub, filename=attachment.filename)
    return part


def compose(
    letter: Letter,
    contact: Contact,
    sender: Sender,
    *,
    row_id: int,
    kind: str,
    unsubscribe: str,
    now: dt.datetime,
) -> EmailMessage:
    """The whole message, built by the standard library (``bot.email.wire`` sends the same
    with the attachments encoded once per letter rather than once per reader)."""
    message = headed(
        letter, contact, sender, row_id=row_id, kind=kind, unsubscribe=unsubscribe, now=now
    )
    readable(message, letter, unsubscribe)
    for attachment in letter.attachments:
        main, _slash, sub = attachment.mime.partition("/")
        message.add_attachment(
            attachment.content, maintype=main, subtype=sub, filename=attachment.filename
        )
    message["Content-Language"] = contact.language  # after the parts: set_content clears it
    return message
