"""Answers to the feedback question: a rating, an optional comment, or «stop asking».

The rating buttons edit the one message they came in; /feedback_off and /feedback_on are
the same opt-out as the message's own button.
"""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.agenda.service import AgendaService
from bot.feedback.service import FeedbackService
from bot.feedback.values import COMMENT, CommentOutcome, RateOutcome
from bot.forms.input import clean
from bot.users.values import User
from handlers.common.forms import Form, Question, Step, Values, parser
from handlers.common.views import show
from handlers.feedback.callbacks import FeedbackCb, Rate, comment_keyboard


class CommentStates(StatesGroup):
    text = State()


def out_of_date() -> str:
    return _("This button is out of date. Nothing was changed.")


def opted_out_text() -> str:
    return _("🔕 The bot will not ask you for feedback any more. /feedback_on turns it back on.")


def rated_text(title: str, rating: int) -> str:
    return _("Thank you! You rated «{title}» {rating} ⭐.").format(
        title=escape(title), rating=rating
    )


async def rate_button(
    callback: CallbackQuery,
    callback_data: FeedbackCb,
    callback_answer: CallbackAnswer,
    user: User,
    feedback: FeedbackService,
    agenda: AgendaService,
) -> None:
    """One rating per person and session; the message then offers a comment."""
    outcome = await feedback.rate(user, callback_data.session, callback_data.rating)
    if outcome is RateOutcome.NOT_ASKED:
        callback_answer.text = out_of_date()
        callback_answer.show_alert = True
        return
    if outcome is RateOutcome.AGAIN:
        callback_answer.text = _("You have rated this session already.")
        callback_answer.show_alert = True
    found = await feedback.rating(user, callback_data.session)
    session = await agenda.session(callback_data.session)
    if found is None or session is None:
        return
    rating, commented = found
    markup = None if commented else comment_keyboard(session.id)
    await show(callback, rated_text(session.title.get(user.language), rating), markup)


async def ask_comment(values: Values, _data: dict[str, Any]) -> Question:
    return ngettext(
        "Your comment on «{title}», up to {count} character (or /cancel):",
        "Your comment on «{title}», up to {count} characters (or /cancel):",
        COMMENT.high,
    ).format(title=escape(values["title"]), count=COMMENT.high), None


async def save_comment(message: Message, values: Values, data: dict[str, Any]) -> None:
    feedback: FeedbackService = data["feedback"]
    outcome = await feedback.comment(data["user"], int(values["session"]), values["text"])
    if outcome is CommentOutcome.SAVED:
        await message.answer(_("Thank you, your comment is saved."))
    elif outcome is CommentOutcome.ALREADY:
        await message.answer(_("You have commented on this session already."))
    else:
        await message.answer(_("Rate the session first, then add a comment."))


comment_form = Form(
    "feedback_comment",
    [
        Step(
            CommentStates.text,
            ask_comment,
            "text",
            parser(lambda text: clean(text, COMMENT, multiline=True)),
        )
    ],
    finish=save_comment,
    cancelled=lambda: _("Cancelled: no comment was saved."),
)


async def comment_button(
    callback: CallbackQuery, callback_data: FeedbackCb, state: FSMContext, **data: Any
) -> None:
    feedback: FeedbackService = data["feedback"]
    agenda: AgendaService = data["agenda"]
    user: User = data["user"]
    answer: CallbackAnswer = data["callback_answer"]
    found = await feedback.rating(user, callback_data.session)
    session = await agenda.session(callback_data.session)
    if found is None or session is None or found[1]:
        answer.text = _("You can add one comment, after rating the session.")
        answer.show_alert = True
        return
    assert isinstance(callback.message, Message)
    title = session.title.get(user.language)
    await comment_form.begin(callback.message, state, data, session=session.id, title=title)


async def off_button(
    callback: CallbackQuery, callback_answer: CallbackAnswer, user: User, feedback: FeedbackService
) -> None:
    await feedback.opt_out(user)
    callback_answer.text = _("Done.")
    await show(callback, opted_out_text())


async def off_command(message: Message, user: User, feedback: FeedbackService) -> None:
    if await feedback.opt_out(user):
        await message.answer(opted_out_text())
    else:
        await message.answer(_("Feedback questions are off already. /feedback_on turns them on."))


async def on_command(message: Message, user: User, feedback: FeedbackService) -> None:
    if await feedback.opt_in(user):
        await message.answer(
            _("🔔 The bot will ask you again to rate the sessions you follow, once they end.")
        )
    else:
        await message.answer(_("Feedback questions are on already. /feedback_off turns them off."))


def setup(router: Router) -> None:
    router.callback_query.register(rate_button, FeedbackCb.filter(F.action == Rate.RATE))
    router.callback_query.register(comment_button, FeedbackCb.filter(F.action == Rate.COMMENT))
    router.callback_query.register(off_button, FeedbackCb.filter(F.action == Rate.OFF))
    router.message.register(off_command, Command("feedback_off"))
    router.message.register(on_command, Command("feedback_on"))
    comment_form.register(router)
