"""The interview desk's notices in words: implements
``bot.press.media_notices.InterviewNotices``. Both sides read the same decision, each in
their own language."""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _

from bot.content.models import Event
from bot.delivery import Outgoing
from bot.delivery.notify import Render
from bot.press.interview_values import InterviewRequest
from bot.press.values import Accreditation
from handlers.press.interviews.callbacks import calendar_keyboard, reply_keyboard
from handlers.press.interviews.views import (
    asker_text,
    desk_keyboard,
    request_card,
    slot_text,
)


class InterviewMessages:
    def requested(
        self, request: InterviewRequest, asker: Accreditation | None, event: Event
    ) -> Render:
        def render(language: str) -> Outgoing:
            text = _("📨 <b>New interview request</b>") + "\n\n"
            text += request_card(request, asker, event, language)
            return Outgoing(0, text, desk_keyboard(request, event))

        return render

    def confirmed(
        self, request: InterviewRequest, asker: Accreditation | None, event: Event
    ) -> Render:
        def render(language: str) -> Outgoing:
            lines = [
                _("✅ <b>Interview confirmed</b> (request No. {number})").format(number=request.id),
                _("With: {person}").format(person=escape(request.person_name.get(language))),
                _("When: {slot}").format(slot=escape(slot_text(request, event, language))),
                _("Journalist: {journalist}").format(
                    journalist=asker_text(asker, request.journalist_id)
                ),
                _("Topic: {topic}").format(topic=escape(request.topic)),
            ]
            return Outgoing(0, "\n".join(lines), calendar_keyboard(request.id))

        return render

    def proposed(self, request: InterviewRequest, event: Event) -> Render:
        def render(language: str) -> Outgoing:
            text = _(
                "🕑 The press office proposes another time for your interview with {person} "
                "(request No. {number}): {slot}. Does it suit you?"
            ).format(
                person=escape(request.person_name.get(language)),
                number=request.id,
                slot=escape(slot_text(request, event, language)),
            )
            return Outgoing(0, text, reply_keyboard(request.id, request.revision))

        return render

    def declined(self, request: InterviewRequest, asker: Accreditation | None) -> Render:
        def render(language: str) -> Outgoing:
            text = _(
                "Interview request No. {number} ({journalist} with {person}) was declined. "
                "Reason: {reason}"
            ).format(
                number=request.id,
                journalist=asker_text(asker, request.journalist_id),
                person=escape(request.person_name.get(language)),
                reason=escape(request.reason or ""),
            )
            return Outgoing(0, text)

        return render

    def proposal_refused(
        self, request: InterviewRequest, asker: Accreditation | None, event: Event
    ) -> Render:
        def render(language: str) -> Outgoing:
            text = _(
                "{journalist} refused the time proposed for interview request No. {number} "
                "(with {person}, {slot}); the request is closed."
            ).format(
                journalist=asker_text(asker, request.journalist_id),
                number=request.id,
                person=escape(request.person_name.get(language)),
                slot=escape(slot_text(request, event, language)),
            )
            return Outgoing(0, text)

        return render
