"""Questions to the speakers in chat: ask from a session's page, read and upvote the
approved ones; /moderate for the organisers and the sessions' moderators.

Moderation is not an organisers' sub-router: a moderator of one session is not an
organiser. Each moderation handler asks the service whether the person moderates that
session and refuses clearly otherwise; the service checks again, whoever calls it.
"""

from __future__ import annotations

from aiogram import F, Router

from handlers.common.callbacks import answer_callbacks
from handlers.questions import ask, browse, incoming, moderate
from handlers.questions.callbacks import question_buttons

__all__ = ["question_buttons", "router"]


def router() -> Router:
    feature = Router(name="questions")
    feature.message.filter(F.chat.type == "private")
    for module in (ask, browse, moderate, incoming):
        module.setup(feature)
    answer_callbacks(feature)
    return feature
