"""Plain values of the email channel: who gets what, and a message before it is addressed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Topic(StrEnum):
    """What a journalist may choose to get by email; each is a column of email_contacts."""

    RELEASES = "releases"
    SUMMARIES = "summaries"
    ADVISORIES = "advisories"
    ANSWERS = "answers"


@dataclass(frozen=True, slots=True)
class Contact:
    """An address given with consent, and what its owner wants by email."""

    id: int
    address: str
    user_id: int | None
    full_name: str
    outlet: str
    language: str
    topics: frozenset[Topic]
    unsubscribed: bool = False
    bouncing: bool = False

    def wants(self, topic: Topic) -> bool:
        return topic in self.topics and not self.unsubscribed and not self.bouncing


@dataclass(frozen=True, slots=True)
class ContactForm:
    """What an organiser types to accredit a journalist by email alone."""

    full_name: str
    outlet: str
    address: str
    language: str


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    mime: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Letter:
    """One message in one language, before it is addressed: the same for every reader."""

    subject: str
    text: str
    html: str
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class QueuedEmail:
    """An outbox row the worker is to send."""

    id: int
    kind: str
    key: str
    contact_id: int
    body_id: int
    attempts: int
    queued_at: dt.datetime
