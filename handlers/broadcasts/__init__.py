"""/broadcast and /broadcasts: organisers' announcements to an audience.

One router for the feature: the organisers' sub-router (the filter set once) holds every
step, and one refusal answers everyone else. Buttons are answered by ``answer_callbacks``
on this router, which covers its sub-routers.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from handlers.broadcasts import audience, compose, confirm, reports
from handlers.broadcasts.callbacks import BroadcastCb, ComposeCb, alert
from handlers.common.access import organisers_only
from handlers.common.callbacks import answer_callbacks


async def refuse(
    event: Message | CallbackQuery, callback_answer: CallbackAnswer | None = None
) -> None:
    """Anyone but an organiser: nothing is composed, sent or cancelled."""
    if callback_answer is not None:
        alert(callback_answer, _("Only organisers can send or cancel broadcasts."))
    else:
        await event.answer(_("Only organisers can send broadcasts."))


def router() -> Router:
    """Late among the features: while composing, the form takes any message."""
    feature = Router(name="broadcasts")
    feature.message.filter(F.chat.type == "private")
    answer_callbacks(feature)
    organisers = organisers_only("broadcasts.organisers")
    # compose last: it takes any compose button left over as one of an old draft.
    organisers.include_routers(reports.router(), audience.router(), confirm.router())
    organisers.include_router(compose.router())
    refusal = Router(name="broadcasts.refusal")
    refusal.message.register(refuse, Command("broadcast", "broadcasts"))
    refusal.callback_query.register(refuse, ComposeCb.filter())
    refusal.callback_query.register(refuse, BroadcastCb.filter())
    feature.include_routers(organisers, refusal)
    return feature
