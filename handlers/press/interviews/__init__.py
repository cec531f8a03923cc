"""Interviews in chat: /interview and /interviews for journalists, the desk for organisers.

What journalists may do, then one organisers' sub-router with the filter set once, then
one refusal for everyone else at the organisers' buttons. The services check the acting
user again: asking is for journalists, deciding for organisers, answering a proposal for
the journalist who asked.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.users.values import Role
from handlers.common.access import organisers_only, refusal
from handlers.common.callbacks import answer_callbacks
from handlers.press.common import alert
from handlers.press.interviews import desk, mine, request
from handlers.press.interviews.callbacks import DeskCb, InterviewsCb, InterviewsView


async def refuse_button(_callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, refusal(Role.ORGANISER))


def refusals() -> Router:
    router = Router(name="press_interviews_refusals")
    router.callback_query.register(
        refuse_button, InterviewsCb.filter(F.view == InterviewsView.QUEUE)
    )
    router.callback_query.register(refuse_button, DeskCb.filter())
    return router


def router() -> Router:
    interviews = Router(name="press_interviews")
    interviews.message.filter(F.chat.type == "private")
    organisers = organisers_only("press_interviews_organisers")
    request.setup(interviews)
    mine.setup(interviews)
    desk.setup(organisers)
    interviews.include_routers(organisers, refusals())
    answer_callbacks(interviews)
    return interviews
