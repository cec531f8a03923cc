"""Feedback results for the organisers' /stats: per session, then the survey."""

from __future__ import annotations

from html import escape

from aiogram.types import Message
from aiogram.utils.i18n import gettext as _
from babel.numbers import format_decimal

from bot.feedback.service import FeedbackService
from bot.feedback.surveys import SurveyService
from bot.feedback.values import RATINGS, SessionResults, SurveyResults
from bot.telegram.html import paginate, shorten
from bot.users.values import User

COMMENT_SHOWN = 200


def session_block(result: SessionResults, language: str) -> str:
    average = format_decimal(result.average, format="0.0", locale=language)
    lines = [
        _("«{title}» — ratings: {count}, average: {average}").format(
            title=escape(result.title.get(language)), count=result.count, average=average
        ),
        "    "
        + " · ".join(
            f"{rating}⭐ {count}"
            for rating, count in reversed(list(zip(RATINGS, result.distribution, strict=True)))
        ),
    ]
    if result.comment_count:
        lines.append(
            "    "
            + _("Comments ({shown} of {count}):").format(
                shown=len(result.comments), count=result.comment_count
            )
        )
        lines += [f"    — {escape(shorten(comment, COMMENT_SHOWN))}" for comment in result.comments]
    return "\n".join(lines)


def survey_block(result: SurveyResults, number: int, language: str) -> str:
    head = _("{number}. {question} — answers: {count}").format(
        number=number, question=escape(result.question.get(language)), count=result.count
    )
    answers = " · ".join(
        f"{escape(shorten(label.get(language), 30))}: {count}" for label, count in result.answers
    )
    return f"{head}\n    {answers}"


def feedback_pages(
    sessions: list[SessionResults], survey: list[SurveyResults], language: str
) -> list[str]:
    blocks = [_("⭐ <b>Feedback on sessions</b>")]
    blocks += [session_block(result, language) for result in sessions] or [_("No ratings yet.")]
    if survey:
        blocks.append(_("📋 <b>Survey after the meeting</b>"))
        blocks += [
            survey_block(result, number, language) for number, result in enumerate(survey, start=1)
        ]
    blocks.append(
        _(
            "Every rating and comment: <code>python -m bot export feedback</code>, the survey: "
            "<code>python -m bot export survey</code>."
        )
    )
    return paginate(blocks, separator="\n\n")


async def feedback_report(
    message: Message, user: User, feedback: FeedbackService, surveys: SurveyService
) -> None:
    """After /stats: the ratings of every rated session and the survey's answers."""
    sessions = await feedback.results(user)
    survey = await surveys.results(user) if await surveys.sent() else []
    for page in feedback_pages(sessions, survey, user.language):
        await message.answer(page)
