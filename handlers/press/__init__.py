"""The press centre in chat: /press, /releases, /advisory, /quotes, /ask, /requests, /queue,
/publish.

One router for the feature: what anyone may do, then one organisers' sub-router with the
filter set once, then one refusal for everyone else who reaches an organiser's command
or button. The services check the acting user again, whoever calls them.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.users.values import Role
from handlers.common.access import organisers_only, refusal
from handlers.common.callbacks import answer_callbacks
from handlers.press import (
    accreditation,
    advisory,
    ask,
    ask_session,
    menu,
    mine,
    publish,
    queue,
    quote_bank,
    releases,
)
from handlers.press.callbacks import (
    ORGANISER_ITEMS,
    AccreditCb,
    AnswerModeCb,
    LanguagesCb,
    NoEmbargoCb,
    PressMenuCb,
    PublishCb,
    QueueCb,
    QueuePageCb,
)
from handlers.press.common import alert

ORGANISER_COMMANDS = ("applications", "queue", "publish")


async def refuse_command(message: Message) -> None:
    await message.answer(refusal(Role.ORGANISER))


async def refuse_button(_callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, refusal(Role.ORGANISER))


def refusals() -> Router:
    """Everyone but the organisers, at the organisers' commands and buttons."""
    router = Router(name="press_refusals")
    router.message.register(refuse_command, Command(*ORGANISER_COMMANDS))
    router.callback_query.register(refuse_button, PressMenuCb.filter(F.item.in_(ORGANISER_ITEMS)))
    for data in (
        AccreditCb,
        QueueCb,
        QueuePageCb,
        AnswerModeCb,
        PublishCb,
        NoEmbargoCb,
        LanguagesCb,
    ):
        router.callback_query.register(refuse_button, data.filter())
    return router


def router() -> Router:
    press = Router(name="press")
    press.message.filter(F.chat.type == "private")
    organisers = organisers_only("press_organisers")
    for module in (
        menu,
        accreditation,
        releases,
        advisory,
        quote_bank,
        ask_session,
        ask,
        mine,
        publish,
        queue,
    ):
        module.setup(press, organisers)
    press.include_routers(organisers, refusals())
    answer_callbacks(press)
    return press
