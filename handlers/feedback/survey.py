"""Answering the after-meeting survey: each answer replaces the question with the next."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.feedback.surveys import SurveyOutcome, SurveyService
from bot.users.values import User
from handlers.common.views import show
from handlers.feedback.callbacks import SurveyCb, survey_keyboard
from handlers.feedback.notices import survey_text
from handlers.feedback.rate import out_of_date


async def answer_button(
    callback: CallbackQuery,
    callback_data: SurveyCb,
    callback_answer: CallbackAnswer,
    user: User,
    surveys: SurveyService,
) -> None:
    answered = await surveys.answer(user, callback_data.question, callback_data.answer)
    if answered.outcome is SurveyOutcome.OUT_OF_DATE:
        callback_answer.text = out_of_date()
        callback_answer.show_alert = True
        return
    if answered.outcome is SurveyOutcome.AGAIN:
        callback_answer.text = _("You have answered this question already.")
        callback_answer.show_alert = True
    following = None if answered.next_index is None else surveys.question(answered.next_index)
    if following is None or answered.next_index is None or surveys.survey is None:
        await show(callback, _("📋 Thank you! Your answers help us prepare the next meeting."))
        return
    total = len(surveys.survey.questions)
    text = survey_text(following, answered.next_index, total, user.language)
    await show(callback, text, survey_keyboard(following, answered.next_index, user.language))


def setup(router: Router) -> None:
    router.callback_query.register(answer_button, SurveyCb.filter())
