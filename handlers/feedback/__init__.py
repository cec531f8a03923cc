"""Feedback in chat: the rating buttons after a session, comments, the opt-out
(/feedback_off, /feedback_on) and the after-meeting survey. Results are in /stats."""

from __future__ import annotations

from aiogram import F, Router

from handlers.common.callbacks import answer_callbacks
from handlers.feedback import rate, survey


def router() -> Router:
    feature = Router(name="feedback")
    feature.message.filter(F.chat.type == "private")
    rate.setup(feature)
    survey.setup(feature)
    answer_callbacks(feature)
    return feature
