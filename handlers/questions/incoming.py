"""Incoming questions, one at a time: approve, hide or leave for later; mark answered.

The board's «Incoming» opens a message of its own that walks the waiting questions, so
the board stays where it is; each decision shows the next question in that message.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.questions.moderation import ModerationService
from bot.questions.values import Decision, DecisionOutcome
from bot.users.values import User
from handlers.common.views import show
from handlers.questions.callbacks import Moderate, ModerateCb
from handlers.questions.moderate import alert, gone, show_board
from handlers.questions.views import incoming_view, not_a_moderator

DECISIONS = {
    Moderate.APPROVE: Decision.APPROVE,
    Moderate.HIDE: Decision.HIDE,
    Moderate.ANSWERED: Decision.ANSWERED,
}


def decided(decision: Decision) -> str:
    return {
        Decision.APPROVE: _("Approved: everyone sees it now."),
        Decision.HIDE: _("Hidden: nobody but the moderators sees it."),
        Decision.ANSWERED: _("Marked as answered."),
    }[decision]


async def show_next(
    callback: CallbackQuery,
    user: User,
    moderation: ModerationService,
    session_id: int,
    *,
    after: int = 0,
    new_message: bool = False,
) -> bool:
    """The next waiting question after ``after`` (from the oldest again past the last);
    False when the session is gone."""
    session = await moderation.session(user, session_id)
    if session is None:
        return False
    question = await moderation.next_pending(user, session_id, after)
    if question is None and after:
        question = await moderation.next_pending(user, session_id)
    text, markup = incoming_view(session, question, user.language)
    if new_message and callback.bot is not None:
        await callback.bot.send_message(user.id, text, reply_markup=markup)
    else:
        await show(callback, text, markup)
    return True


async def incoming(
    callback: CallbackQuery,
    callback_data: ModerateCb,
    callback_answer: CallbackAnswer,
    user: User,
    moderation: ModerationService,
) -> None:
    """From the board: a new message; «Later» or «Check again»: in place."""
    if not await moderation.may_moderate(user, callback_data.session):
        alert(callback_answer, not_a_moderator())
        return
    from_board = callback_data.action is Moderate.INCOMING
    shown = await show_next(
        callback,
        user,
        moderation,
        callback_data.session,
        after=0 if from_board else callback_data.question,
        new_message=from_board,
    )
    if not shown:
        alert(callback_answer, gone())


async def decide(
    callback: CallbackQuery,
    callback_data: ModerateCb,
    callback_answer: CallbackAnswer,
    user: User,
    moderation: ModerationService,
) -> None:
    """Approve or hide an incoming question, or mark one of the board answered."""
    if not await moderation.may_moderate(user, callback_data.session):
        alert(callback_answer, not_a_moderator())
        return
    decision = DECISIONS[callback_data.action]
    outcome, question = await moderation.decide(user, callback_data.question, decision)
    if outcome is DecisionOutcome.DONE:
        callback_answer.text = decided(decision)
    elif outcome is DecisionOutcome.ALREADY:
        alert(callback_answer, _("Someone has decided on this question already."))
    else:
        alert(callback_answer, _("This question is unknown. Nothing was changed."))
    if question is None:
        return
    if decision is Decision.ANSWERED:
        await show_board(callback, user, moderation, question.session_id)
    else:
        await show_next(callback, user, moderation, question.session_id)


def setup(router: Router) -> None:
    router.callback_query.register(
        incoming, ModerateCb.filter(F.action.in_({Moderate.INCOMING, Moderate.NEXT}))
    )
    router.callback_query.register(decide, ModerateCb.filter(F.action.in_(set(DECISIONS))))
