"""Button data of feedback and the survey, and the keyboards their messages carry.

A session id is an ``Id``, a rating, question or answer number a ``Count``: a forged
number out of bounds fails to parse and the button answers «out of date».
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.feedback.survey import QuestionKind, SurveyQuestion
from bot.feedback.values import RATINGS
from bot.telegram.html import shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from handlers.common.callbacks import Count, Id


class Rate(StrEnum):
    RATE = "r"
    COMMENT = "c"
    OFF = "off"


class FeedbackCb(CallbackData, prefix="fb"):
    action: Rate
    session: Id
    rating: Count = 0


class SurveyCb(CallbackData, prefix="sv"):
    question: Count
    """The question's place in the survey, from 0."""
    answer: Count
    """The chosen answer, from 1."""


def rating_keyboard(session_id: int) -> InlineKeyboardMarkup:
    """One row of 1–5, then «stop asking me»."""
    builder = InlineKeyboardBuilder()
    for rating in RATINGS:
        data = FeedbackCb(action=Rate.RATE, session=session_id, rating=rating)
        builder.button(text=f"{rating} ⭐", callback_data=data)
    builder.button(
        text=_("🔕 Don't ask me for feedback"),
        callback_data=FeedbackCb(action=Rate.OFF, session=session_id),
    )
    builder.adjust(len(RATINGS), 1)
    return builder.as_markup()


def comment_keyboard(session_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("💬 Add a comment"),
        callback_data=FeedbackCb(action=Rate.COMMENT, session=session_id),
    )
    return builder.as_markup()


def survey_keyboard(question: SurveyQuestion, index: int, language: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    answers = question.answers()
    for number, label in enumerate(answers, start=1):
        builder.button(
            text=shorten(label.get(language), 40),
            callback_data=SurveyCb(question=index, answer=number),
        )
    builder.adjust(len(answers) if question.kind is QuestionKind.RATING else 1)
    return builder.as_markup()
