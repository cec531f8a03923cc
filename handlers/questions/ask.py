"""Asking a session a question: its text, then how it is signed (a form of two steps)."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.config import Settings
from bot.forms.input import clean
from bot.questions.service import QuestionService
from bot.questions.values import OPENS_BEFORE, QUESTION, AskOutcome
from bot.telegram.html import shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.forms import Form, Question, Step, Values, parser
from handlers.common.views import show
from handlers.questions.callbacks import Browse, QuestionsCb, Signature, SignCb


class AskStates(StatesGroup):
    text = State()
    signature = State()


def refusal(outcome: AskOutcome, settings: Settings) -> str:
    """Why a question cannot be sent now."""
    if outcome is AskOutcome.CLOSED:
        minutes = int(OPENS_BEFORE.total_seconds() // 60)
        return ngettext(
            "Questions to this session are taken from {count} minute before it until it ends.",
            "Questions to this session are taken from {count} minutes before it until it ends.",
            minutes,
        ).format(count=minutes)
    if outcome is AskOutcome.TOO_MANY:
        return _(
            "Your questions to this session in the last {minutes} min: {count}. "
            "Please wait a little before the next one."
        ).format(
            count=settings.questions_per_window,
            minutes=f"{settings.questions_window_minutes:g}",
        )
    return _("This session is no longer in the programme.")


async def ask_text(values: Values, _data: dict[str, Any]) -> Question:
    return ngettext(
        "Your question to «{title}», in {low} to {count} character. "
        "The moderators see it first; /cancel to drop it.",
        "Your question to «{title}», in {low} to {count} characters. "
        "The moderators see it first; /cancel to drop it.",
        QUESTION.high,
    ).format(title=escape(values["title"]), low=QUESTION.low, count=QUESTION.high), None


async def ask_signature(_values: Values, data: dict[str, Any]) -> Question:
    questions: QuestionService = data["questions"]
    user: User = data["user"]
    name, society = await questions.signature(user)
    signed = name if society is None else f"{name}, {society.get(user.language)}"
    builder = InlineKeyboardBuilder()
    builder.button(text=_("🙈 Anonymously"), callback_data=SignCb(signature=Signature.ANONYMOUS))
    builder.button(
        text=_("👤 As {name}").format(name=shorten(signed, 50)),
        callback_data=SignCb(signature=Signature.NAMED),
    )
    builder.adjust(1)
    return _("How should your question be signed?"), builder.as_markup()


async def submit(message: Message, values: Values, data: dict[str, Any]) -> None:
    questions: QuestionService = data["questions"]
    session_id = int(values["session"])
    signed = values["signature"] == Signature.NAMED.value
    outcome = await questions.ask(data["user"], session_id, values["text"], signed=signed)
    if outcome is AskOutcome.SENT:
        text = _(
            "✅ Thank you! Your question went to the moderators. Everyone sees it once they "
            "approve it."
        )
    else:
        text = refusal(outcome, data["settings"])
    builder = InlineKeyboardBuilder()
    listing = QuestionsCb(action=Browse.LIST, session=session_id)
    builder.button(text=_("💬 Questions to the speakers"), callback_data=listing)
    callback = data.get("callback")
    if isinstance(callback, CallbackQuery):
        await show(callback, text, builder.as_markup())
    else:
        await message.answer(text, reply_markup=builder.as_markup())


ask_form = Form(
    "question",
    [
        Step(
            AskStates.text,
            ask_text,
            "text",
            parser(lambda text: clean(text, QUESTION, multiline=True)),
        ),
        Step(AskStates.signature, ask_signature, "signature"),
    ],
    finish=submit,
    cancelled=lambda: _("Cancelled: your question was not sent."),
    stale=lambda: _("This question form is no longer open. Nothing was sent."),
)


async def ask_button(
    callback: CallbackQuery, callback_data: QuestionsCb, state: FSMContext, **data: Any
) -> None:
    """From the session page: the form opens only while the session takes questions."""
    questions: QuestionService = data["questions"]
    user: User = data["user"]
    answer: CallbackAnswer = data["callback_answer"]
    outcome = await questions.may_ask(user, callback_data.session)
    session = await questions.session(callback_data.session)
    if outcome is not AskOutcome.ALLOWED or session is None:
        answer.text = refusal(outcome, data["settings"])
        answer.show_alert = True
        return
    assert isinstance(callback.message, Message)
    title = session.title.get(user.language)
    await ask_form.begin(callback.message, state, data, session=session.id, title=title)


async def sign_button(
    callback: CallbackQuery, callback_data: SignCb, state: FSMContext, **data: Any
) -> None:
    await ask_form.choose(callback, state, "signature", callback_data.signature.value, data)


def setup(router: Router) -> None:
    router.callback_query.register(ask_button, QuestionsCb.filter(F.action == Browse.ASK))
    router.callback_query.register(sign_button, SignCb.filter())
    ask_form.register(router)
