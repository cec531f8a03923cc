"""The press centre's notices in words: implements ``bot.press.notices.PressNotices``.

Each method returns a ``Render``: the delivery's notifier calls it once per language with
gettext in that language, and sends the result to everyone who reads it.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.content.models import LANGUAGES, Event, Text
from bot.delivery import Outgoing
from bot.delivery.notify import Render
from bot.press.values import Accreditation, PressRelease, QuoteRequest, RequestStatus
from bot.telegram.html import shorten
from handlers.press.callbacks import (
    decision_keyboard,
    open_release_keyboard,
    open_request_keyboard,
)
from handlers.press.views import application_card, release_teaser, request_card


class PressMessages:
    def __init__(self, i18n: I18n) -> None:
        self._i18n = i18n

    def application_submitted(self, application: Accreditation) -> Render:
        def render(_language: str) -> Outgoing:
            return Outgoing(0, application_card(application), decision_keyboard(application.id))

        return render

    def application_decided(self, application: Accreditation, approved: bool) -> Render:
        def render(_language: str) -> Outgoing:
            if approved:
                return Outgoing(0, approved_text())
            return Outgoing(
                0,
                _(
                    "Your accreditation application was not approved. For questions, contact "
                    "the press office (see /press)."
                ),
            )

        return render

    def release(self, release: PressRelease, event: Event, now: dt.datetime) -> Render:
        def render(language: str) -> Outgoing:
            text = release_teaser(release, event, now, language)
            return Outgoing(0, text, open_release_keyboard(release.id))

        return render

    def embargo_lifted(self, release: PressRelease) -> Render:
        def render(language: str) -> Outgoing:
            text = _("🔓 The embargo is lifted: «{title}» may be published now.").format(
                title=escape(release.title.get(language))
            )
            return Outgoing(0, text, open_release_keyboard(release.id))

        return render

    def request_submitted(self, request: QuoteRequest, event: Event) -> Render:
        def render(language: str) -> Outgoing:
            text = (
                _("📨 <b>New quote request</b>") + "\n\n" + request_card(request, event, language)
            )
            return Outgoing(0, text, open_request_keyboard(request.id))

        return render

    def request_closed(self, request: QuoteRequest) -> Render:
        def render(language: str) -> Outgoing:
            return Outgoing(0, closed_text(request, language))

        return render

    def organisers_label(self) -> Text:
        return Text(
            **{lang: self._i18n.gettext("The organisers", locale=lang) for lang in LANGUAGES}
        )

    def session_label(self, session: Text) -> Text:
        return Text(
            **{
                lang: self._i18n.gettext("The organisers, about «{session}»", locale=lang).format(
                    session=session.get(lang)
                )
                for lang in LANGUAGES
            }
        )

    def answer_source(self, number: int) -> Text:
        return Text(
            **{
                lang: self._i18n.gettext(
                    "Answer to press request No. {number}", locale=lang
                ).format(number=number)
                for lang in LANGUAGES
            }
        )


def approved_text() -> str:
    return _(
        "✅ Your accreditation is approved. You now get press releases as soon as "
        "they are published, the daily summaries, and you can request quotes: /press"
    )


def closed_text(request: QuoteRequest, language: str) -> str:
    """The answer (or the reason it was declined), with the journalist's question quoted."""
    if request.status is RequestStatus.ANSWERED:
        head = _("💬 <b>Answer to your request No. {number}</b> ({target})")
        body = escape(request.answer or "")
    else:
        head = _("Your request No. {number} ({target}) was declined.")
        body = _("Reason: {reason}").format(reason=escape(request.decline_reason or ""))
    return "\n\n".join(
        [
            head.format(number=request.id, target=escape(request.target_label.get(language))),
            f"<blockquote>{escape(shorten(request.question, 600))}</blockquote>",
            body,
        ]
    )
