"""The press centre's values, as the store hands them to services and handlers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.content.models import Text


def as_written(text: str) -> Text:
    """What an organiser types in chat, in one language, shown as written in both."""
    return Text(ru=text, en=text)


class AccreditationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class AccreditationForm:
    """What a journalist typed, already validated."""

    full_name: str
    outlet: str
    role: str
    contact: str


@dataclass(frozen=True, slots=True)
class Accreditation:
    id: int
    user_id: int
    form: AccreditationForm
    status: AccreditationStatus
    applied_at: dt.datetime


@dataclass(frozen=True, slots=True)
class PressRelease:
    id: int
    key: str
    title: Text
    body: Text
    published_at: dt.datetime
    embargo_until: dt.datetime | None

    def embargoed(self, now: dt.datetime) -> bool:
        return self.embargo_until is not None and now < self.embargo_until


class TargetKind(StrEnum):
    PERSON = "person"
    DELEGATION = "delegation"
    ORGANISERS = "organisers"


class RequestStatus(StrEnum):
    NEW = "new"
    TAKEN = "taken"
    ANSWERED = "answered"
    DECLINED = "declined"

    @property
    def open(self) -> bool:
        return self in (RequestStatus.NEW, RequestStatus.TAKEN)


@dataclass(frozen=True, slots=True)
class QuoteRequest:
    id: int
    journalist_id: int
    target_kind: TargetKind
    target_key: str | None
    target_label: Text
    question: str
    deadline: dt.datetime
    status: RequestStatus
    taken_by: int | None
    answer: str | None
    decline_reason: str | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class BankQuote:
    """A released quote with everything a journalist pastes under it."""

    key: str
    text: Text
    speaker_key: str
    speaker: Text
    role: Text
    delegation_key: str | None
    organisation: Text | None
    said_on: dt.date
    source: Text
