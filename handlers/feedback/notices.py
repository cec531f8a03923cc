"""Feedback's notices in words: implements ``bot.feedback.notices.FeedbackNotices``.

Each method returns a ``Render``, called once per language with gettext in it.
"""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.agenda.values import Session
from bot.delivery import Outgoing
from bot.delivery.notify import Render
from bot.feedback.survey import Survey, SurveyQuestion
from handlers.feedback.callbacks import rating_keyboard, survey_keyboard


class FeedbackMessages:
    def rating_request(self, session: Session) -> Render:
        def render(language: str) -> Outgoing:
            return Outgoing(0, rating_question(session, language), rating_keyboard(session.id))

        return render

    def survey(self, survey: Survey) -> Render:
        def render(language: str) -> Outgoing:
            first = survey.questions[0]
            text = survey_text(first, 0, len(survey.questions), language)
            return Outgoing(0, text, survey_keyboard(first, 0, language))

        return render


def rating_question(session: Session, language: str) -> str:
    return _(
        "«{title}» has ended. How was it? Rate it from 1 (poor) to 5 (excellent); "
        "a comment is welcome after that."
    ).format(title=escape(session.title.get(language)))


def survey_text(question: SurveyQuestion, index: int, total: int, language: str) -> str:
    """One survey question; the first one says what the survey is."""
    lines = []
    if index == 0:
        lines += [
            _("📋 <b>The meeting is over — thank you for coming!</b>"),
            ngettext(
                "A short survey: {count} question, one button each.",
                "A short survey: {count} questions, one button each.",
                total,
            ).format(count=total),
            "",
        ]
    lines.append(
        _("Question {number} of {total}: {text}").format(
            number=index + 1, total=total, text=escape(question.text.get(language))
        )
    )
    return "\n".join(lines)
