"""Button data of the press centre, and the keyboards both chat and notices show.

Every id is an ``Id`` and every page or amount a ``Count``: a forged number past SQLite's
64 bits fails to parse, and the button answers «out of date» instead of raising.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.press.documents import DocumentFormat
from bot.telegram.keyboard import InlineKeyboardBuilder
from handlers.common.callbacks import Count, Id


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
    ADVISORY = "adv"


ORGANISER_ITEMS = frozenset({PressMenu.QUEUE, PressMenu.APPLICATIONS, PressMenu.PUBLISH_RELEASE})


class PressMenuCb(CallbackData, prefix="pm"):
    item: PressMenu


class Decision(StrEnum):
    APPROVE = "ok"
    REJECT = "no"


class AccreditCb(CallbackData, prefix="acc"):
    application: Id
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
    PDF = "p"


class ReleaseCb(CallbackData, prefix="pr"):
    view: ReleaseView
    release: Id = 0
    page: Count = 0


def open_release_keyboard(release_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("Read and download"),
        callback_data=ReleaseCb(view=ReleaseView.ONE, release=release_id),
    )
    return builder.as_markup()


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
    LIST_SESSIONS = "ls"
    SESSION = "s"


class AskTargetCb(CallbackData, prefix="qt"):
    pick: TargetPick
    key: str = ""


class DeadlineCb(CallbackData, prefix="qd"):
    hours: Count


class RequestAction(StrEnum):
    OPEN = "o"
    TAKE = "t"
    ANSWER = "a"
    DECLINE = "d"


class QueueCb(CallbackData, prefix="qq"):
    action: RequestAction
    request: Id = 0


def open_request_keyboard(request_id: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("Open in the press queue"),
        callback_data=QueueCb(action=RequestAction.OPEN, request=request_id),
    )
    return builder.as_markup()


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


class NoEmbargoCb(CallbackData, prefix="pne"):
    draft: str


class LanguagesCb(CallbackData, prefix="plg"):
    """After a release's text: add the other language's version, or publish in one."""

    draft: str
    add: bool


class AdvisoryCb(CallbackData, prefix="advd"):
    """The media advisory as a document."""

    fmt: DocumentFormat


class MinePageCb(CallbackData, prefix="qm"):
    """A page of «my quote requests»."""

    page: Count


class QueuePageCb(CallbackData, prefix="qqp"):
    """A page of the organisers' press queue."""

    page: Count


class QuotePageCb(CallbackData, prefix="qbp"):
    """A page of the quote bank: of a list (speakers, delegations) or of one's quotes."""

    view: QuoteView
    key: str = ""
    page: Count = 0
