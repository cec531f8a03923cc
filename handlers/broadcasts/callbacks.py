"""The broadcast buttons' data: typed, with bounded ids (a forged one is «out of date»)."""

from __future__ import annotations

from enum import StrEnum

from aiogram import F
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter
from aiogram.utils.callback_answer import CallbackAnswer

from bot.broadcasts.values import AudienceKind
from handlers.common.callbacks import Id


class ComposeAction(StrEnum):
    CHOOSE = "a"
    DELEGATIONS = "d"
    SESSIONS = "s"
    AUDIENCES = "b"
    SEND = "ok"
    DISCARD = "x"


class ComposeCb(CallbackData, prefix="bc"):
    action: ComposeAction
    kind: AudienceKind = AudienceKind.EVERYONE
    ref: Id = 0
    draft: str = ""
    """The draft the buttons belong to (see ``draft.tag``): a button under an older draft's
    message must not act on the draft open now."""


class BroadcastAction(StrEnum):
    CANCEL = "cancel"


class BroadcastCb(CallbackData, prefix="bcs"):
    action: BroadcastAction
    broadcast: Id


def compose_button(action: ComposeAction) -> CallbackQueryFilter:
    return ComposeCb.filter(F.action == action)


def alert(callback_answer: CallbackAnswer, text: str) -> None:
    """Answer the pressed button with a notice the user must dismiss."""
    callback_answer.text = text
    callback_answer.show_alert = True
