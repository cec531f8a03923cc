"""Button data of the press centre, and the keyboards both chat and notifications show.

Here rather than in ``handlers/`` because notifications carry these buttons too and are
built outside any handler (by the press services on publication and by the due job).
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.telegram.keyboard import InlineKeyboardBuilder


class PressMenu(StrEnum):
    HOME = "home"
    APPLY = "apply"
    RELEASES = "rel"
    QUOTES = "quotes"
    ASK = "ask"
    MINE = "mine"
    SUBSCRIBE = "sub"
    UNSUBSCRIBE = "unsub"
    QUEUE = "queue"
    APPLICATIONS = "apps"
    PUBLISH_RELEASE = "pubrel"
    PUBLISH_SUMMARY = "pubsum"


class PressMenuCb(CallbackData, prefix="pm"):
    item: PressMenu


class Decision(StrEnum):
    APPROVE = "ok"
    REJECT = "no"


class AccreditCb(CallbackData, prefix="acc"):
    application: int
    decision: Decision


def decision_keyboard(application_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for decision, label in ((Decision.APPROVE, _("✅ Approve")), (Decision.REJECT, _("✖ Reject"))):
        builder.button(
            text=label, callback_data=AccreditCb(application=application_id, decision=decision)
        )
    return builder.as_markup()


class ReleaseView(StrEnum):
    LIST = "l"
    ONE = "o"
    DOC = "d"


class ReleaseCb(CallbackData, prefix="pr"):
    view: ReleaseView
    release: int = 0
    page: int = 0


class SummaryDocCb(CallbackData, prefix="sdoc"):
    day: str


class QuoteView(StrEnum):
    SPEAKERS = "sp"
    DELEGATIONS = "dl"
    SPEAKER = "s"
    DELEGATION = "d"


class QuoteBankCb(CallbackData, prefix="qb"):
    view: QuoteView
    key: str = ""


class TargetPick(StrEnum):
    PERSON = "p"
    DELEGATION = "d"
    ORGANISERS = "o"
    LIST_PEOPLE = "lp"
    LIST_DELEGATIONS = "ld"


class AskTargetCb(CallbackData, prefix="qt"):
    pick: TargetPick
    key: str = ""


class DeadlineCb(CallbackData, prefix="qd"):
    hours: int


class RequestAction(StrEnum):
    OPEN = "o"
    TAKE = "t"
    ANSWER = "a"
    DECLINE = "d"


class QueueCb(CallbackData, prefix="qq"):
    action: RequestAction
    request: int = 0


class AnswerMode(StrEnum):
    SEND = "s"
    SEND_AND_BANK = "b"


class AnswerModeCb(CallbackData, prefix="qa"):
    mode: AnswerMode


class Confirm(StrEnum):
    PUBLISH = "y"
    DISCARD = "n"


class PublishCb(CallbackData, prefix="pub"):
    draft: str
    choice: Confirm


class SummaryDayCb(CallbackData, prefix="psd"):
    day: str


class NoEmbargoCb(CallbackData, prefix="pne"):
    draft: str
