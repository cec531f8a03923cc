"""Organisers run the programme live: «✏️ Change» on a session's page, /changes, /live.

One router for the feature: the organisers' sub-router (the filter set once) holds every
handler, and one refusal answers everyone else; the services check again. Buttons are
answered by ``answer_callbacks`` on this router, which covers its sub-routers.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from handlers.common.access import organisers_only
from handlers.common.callbacks import answer_callbacks
from handlers.programme import draft, live, log, menu, printout, result
from handlers.programme.callbacks import (
    ChangeCb,
    DraftCb,
    LogCb,
    PrintCb,
    RestoreCb,
    RoomCb,
    UndoCb,
    alert,
)


async def refuse(
    event: Message | CallbackQuery, callback_answer: CallbackAnswer | None = None
) -> None:
    """Anyone but an organiser (a forged button, a demoted organiser): nothing changes."""
    text = _("Only the organisers can change the programme. Nothing was changed.")
    if callback_answer is not None:
        alert(callback_answer, text)
    else:
        await event.answer(text)


def router() -> Router:
    feature = Router(name="programme")
    answer_callbacks(feature)
    organisers = organisers_only("programme.organisers")
    organisers.include_routers(
        menu.router(), draft.router(), result.router(), log.router(), live.router()
    )
    organisers.include_router(printout.router())
    refusal = Router(name="programme.refusal")
    refusal.message.register(refuse, Command("changes", "live"))
    for data in (ChangeCb, DraftCb, RoomCb, UndoCb, RestoreCb, LogCb, PrintCb):
        refusal.callback_query.register(refuse, data.filter())
    feature.include_routers(organisers, refusal)
    return feature
