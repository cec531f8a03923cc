"""Button data of questions to the speakers, and the row the session page shows.

Every id is an ``Id`` and every page a ``Count``: a forged number past SQLite's 64 bits
fails to parse, and the button answers «out of date» instead of raising.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton
from aiogram.utils.i18n import gettext as _

from bot.agenda.values import Session
from bot.questions.values import OPENS_BEFORE, open_for_questions
from handlers.common.callbacks import Count, Id


class Browse(StrEnum):
    ASK = "a"
    LIST = "l"
    VOTE = "v"


class QuestionsCb(CallbackData, prefix="hq"):
    """A delegate's buttons: ask the session a question, read its questions, upvote one."""

    action: Browse
    session: Id
    question: Id = 0
    page: Count = 0


class Signature(StrEnum):
    ANONYMOUS = "a"
    NAMED = "n"


class SignCb(CallbackData, prefix="hqs"):
    signature: Signature


class Moderate(StrEnum):
    BOARD = "b"
    INCOMING = "i"
    """From the board: the oldest waiting question, in a message of its own."""
    NEXT = "nx"
    """In that message: the next waiting question after ``question`` (0: the oldest)."""
    APPROVE = "ok"
    HIDE = "no"
    ANSWERED = "ans"
    INVITE = "inv"


class ModerateCb(CallbackData, prefix="hm"):
    """The moderators' buttons; the service checks the acting user for every one."""

    action: Moderate
    session: Id = 0
    question: Id = 0


def questions_moment(session: Session, now: dt.datetime) -> tuple[bool, bool]:
    """What of ``question_buttons`` depends on the time: whether questions are taken, and
    whether they can be read."""
    return open_for_questions(session, now), now >= session.starts_at - OPENS_BEFORE


def question_buttons(session: Session, now: dt.datetime) -> list[InlineKeyboardButton]:
    """The session page's buttons: ask while questions are taken, read them from then on."""
    asking, listed = questions_moment(session, now)
    buttons = []
    if asking:
        buttons.append(
            InlineKeyboardButton(
                text=_("❓ Ask a question"),
                callback_data=QuestionsCb(action=Browse.ASK, session=session.id).pack(),
            )
        )
    if listed:
        buttons.append(
            InlineKeyboardButton(
                text=_("💬 Questions to the speakers"),
                callback_data=QuestionsCb(action=Browse.LIST, session=session.id).pack(),
            )
        )
    return buttons
