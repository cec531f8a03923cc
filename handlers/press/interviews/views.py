"""How interview requests read in chat, shared by the handlers and the notices.

Every function returns HTML with all data escaped, in the language active in the i18n
context; times always name the event's zone.
"""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from babel import Locale

from bot.content.models import Event
from bot.press.interview_values import (
    LENGTH,
    Interviewee,
    InterviewOutcome,
    InterviewRequest,
    InterviewStatus,
)
from bot.press.values import Accreditation
from bot.telegram.keyboard import InlineKeyboardBuilder
from handlers.press.interviews.callbacks import DeskAction, DeskCb, InterviewsCb, InterviewsView
from handlers.press.views import moment


def languages(person: Interviewee, language: str) -> str:
    """«туркменский, русский» / «Turkmen, Russian»: the codes named in the reader's language."""
    names = Locale.parse(language).languages
    return ", ".join(names.get(code, code) for code in person.languages)


def interviewee_line(person: Interviewee, language: str) -> str:
    line = _("<b>{name}</b>, {role}. Languages: {languages}").format(
        name=escape(person.name.get(language)),
        role=escape(person.role.get(language)),
        languages=escape(languages(person, language)),
    )
    return line + (" " + _("(example)") if person.illustrative else "")


def status_label(status: InterviewStatus) -> str:
    labels = {
        InterviewStatus.NEW: _("new"),
        InterviewStatus.PROPOSED: _("another time proposed"),
        InterviewStatus.CONFIRMED: _("confirmed"),
        InterviewStatus.DECLINED: _("declined"),
        InterviewStatus.WITHDRAWN: _("proposal refused"),
    }
    return labels[status]


def slot_text(request: InterviewRequest, event: Event, language: str) -> str:
    """«5 September, 15:00 (Ashgabat time, UTC+5), 30 minutes»."""
    assert request.slot is not None
    minutes = int(LENGTH.total_seconds() // 60)
    return ngettext("{time}, {count} minute", "{time}, {count} minutes", minutes).format(
        time=moment(request.slot, event, language), count=minutes
    )


def asker_text(asker: Accreditation | None, journalist_id: int) -> str:
    if asker is None:
        return _("a journalist (Telegram id {id})").format(id=journalist_id)
    return f"{escape(asker.form.full_name)}, {escape(asker.form.outlet)}"


def outcome_line(request: InterviewRequest, event: Event, language: str) -> str | None:
    """Where the request stands, when that is more than «new»."""
    if request.status is InterviewStatus.DECLINED:
        return _("Declined: {reason}").format(reason=escape(request.reason or ""))
    if request.slot is None or request.status is InterviewStatus.WITHDRAWN:
        return None
    slot = escape(slot_text(request, event, language))
    if request.status is InterviewStatus.PROPOSED:
        return _("🕑 Proposed: {slot}; waiting for the journalist.").format(slot=slot)
    return _("✅ Confirmed: {slot}").format(slot=slot)


def request_card(
    request: InterviewRequest, asker: Accreditation | None, event: Event, language: str
) -> str:
    """The press office's view of one request."""
    lines = [
        _("🎙 <b>Interview request No. {number}</b> · {status}").format(
            number=request.id, status=status_label(request.status)
        ),
        _("From: {journalist}").format(journalist=asker_text(asker, request.journalist_id)),
        _("With: {person}").format(person=escape(request.person_name.get(language))),
        _("Topic: {topic}").format(topic=escape(request.topic)),
        _("Preferred times:"),
    ]
    lines += [
        f"{number}. {escape(moment(at, event, language))}"
        for number, at in enumerate(request.preferred, start=1)
    ]
    outcome = outcome_line(request, event, language)
    return "\n".join(lines + ([outcome] if outcome else []))


def desk_keyboard(request: InterviewRequest, event: Event) -> InlineKeyboardMarkup:
    """Confirm one of the preferred times, propose another, or decline; nothing once decided."""
    builder = InlineKeyboardBuilder()
    if request.status.open:
        for choice, at in enumerate(request.preferred):
            local = at.astimezone(event.zone)
            builder.button(
                text=_("✅ {number}. {time}").format(
                    number=choice + 1, time=f"{local:%d.%m %H:%M}"
                ),
                callback_data=DeskCb(action=DeskAction.CONFIRM, request=request.id, choice=choice),
            )
        builder.button(
            text=_("🕑 Propose another time"),
            callback_data=DeskCb(action=DeskAction.PROPOSE, request=request.id),
        )
        builder.button(
            text=_("✖ Decline"), callback_data=DeskCb(action=DeskAction.DECLINE, request=request.id)
        )
    builder.button(
        text=_("« Interview requests"), callback_data=InterviewsCb(view=InterviewsView.QUEUE)
    )
    builder.adjust(1)
    return builder.as_markup()


def journalist_block(request: InterviewRequest, event: Event, language: str) -> str:
    """One of the journalist's own requests, in their list."""
    lines = [
        _("<b>No. {number}</b> · {person} · {status}").format(
            number=request.id,
            person=escape(request.person_name.get(language)),
            status=status_label(request.status),
        ),
        _("Topic: {topic}").format(topic=escape(request.topic)),
    ]
    outcome = outcome_line(request, event, language)
    return "\n".join(lines + ([outcome] if outcome else []))


def refusal_text(outcome: InterviewOutcome) -> str:
    texts = {
        InterviewOutcome.UNKNOWN: _("This interview request does not exist."),
        InterviewOutcome.CLOSED: _("This interview request has already been decided."),
        InterviewOutcome.STALE: _("This button is out of date. Send /start for a fresh menu."),
        InterviewOutcome.BAD_TIME: _("That time is past or not within the meeting."),
    }
    return texts[outcome]
