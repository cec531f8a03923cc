"""The delegates' list of a session's approved questions, and their upvotes."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.questions.service import QuestionService
from bot.questions.values import VoteOutcome, open_for_questions
from bot.users.values import User
from handlers.common.views import show
from handlers.questions.callbacks import Browse, QuestionsCb
from handlers.questions.views import Listing, listing_view


async def show_listing(
    callback: CallbackQuery, user: User, questions: QuestionService, session_id: int, page: int
) -> bool:
    """Show the session's approved questions in the pressed message; False if it is gone."""
    session = await questions.session(session_id)
    if session is None:
        return False
    approved = await questions.approved(session_id)
    listing = Listing(
        session,
        approved,
        len(await questions.answered(session_id)),
        await questions.voted(user, approved),
        page,
    )
    now_open = open_for_questions(session, questions.now())
    await show(callback, *listing_view(listing, user.language, now_open))
    return True


async def list_button(
    callback: CallbackQuery,
    callback_data: QuestionsCb,
    callback_answer: CallbackAnswer,
    user: User,
    questions: QuestionService,
) -> None:
    shown = await show_listing(callback, user, questions, callback_data.session, callback_data.page)
    if not shown:
        callback_answer.text = _("This session is no longer in the programme.")
        callback_answer.show_alert = True


VOTE_ANSWERS = {
    VoteOutcome.AGAIN: lambda: _("You have upvoted this question already."),
    VoteOutcome.OWN: lambda: _("This is your own question: others upvote it."),
    VoteOutcome.NOT_SHOWN: lambda: _("This question is not open for upvotes any more."),
}


async def vote_button(
    callback: CallbackQuery,
    callback_data: QuestionsCb,
    callback_answer: CallbackAnswer,
    user: User,
    questions: QuestionService,
) -> None:
    """One upvote per person and question; the list is shown again with the new count."""
    outcome, question = await questions.vote(user, callback_data.question)
    if outcome is VoteOutcome.COUNTED:
        callback_answer.text = _("👍 Thank you, your vote counts.")
    else:
        callback_answer.text = VOTE_ANSWERS[outcome]()
        callback_answer.show_alert = True
    if question is not None:
        await show_listing(callback, user, questions, question.session_id, callback_data.page)


def setup(router: Router) -> None:
    router.callback_query.register(list_button, QuestionsCb.filter(F.action == Browse.LIST))
    router.callback_query.register(vote_button, QuestionsCb.filter(F.action == Browse.VOTE))
