"""The press centre's values, as the store hands them to services and handlers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from bot.content.models import LANGUAGES, Text


def as_written(text: str) -> Text:
    """What an organiser types in chat, in one language, shown as written in both."""
    return Text(ru=text, en=text)


def written_language(text: str) -> str:
    """«ru» for a text mostly in Cyrillic letters, else «en»: the two languages the bot
    speaks are told apart by their alphabets."""
    cyrillic = sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text)
    latin = sum("a" <= ch.lower() <= "z" for ch in text)
    return "ru" if cyrillic >= latin else "en"


@dataclass(frozen=True, slots=True)
class Version:
    """A release's title and text in one language, as an organiser typed them in chat."""

    language: str
    title: str
    body: str


def in_languages(versions: list[Version], field: str) -> Text:
    """One field of the versions as a ``Text``: each language its own version, a language
    not written falling back to the one that was."""
    written = {version.language: getattr(version, field) for version in versions}
    fallback = str(getattr(versions[0], field))
    return Text(**{language: written.get(language, fallback) for language in LANGUAGES})


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
    written_in: tuple[str, ...] = ()
    """The languages an organiser wrote it in; empty when every language was (data/)."""

    def embargoed(self, now: dt.datetime) -> bool:
        return self.embargo_until is not None and now < self.embargo_until

    def written_for(self, language: str) -> bool:
        """False when a reader of ``language`` gets the other language's text."""
        return not self.written_in or language in self.written_in


class EmbargoChannel(StrEnum):
    """How an embargoed release reached someone before the embargo lifted."""

    NOTICE = "notice"
    DOCX = "docx"
    PDF = "pdf"


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
    session_key: str | None = None
    """The session (its key in data/) the question is about, if the journalist named one."""


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
