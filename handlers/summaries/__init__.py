"""Daily summaries in chat: /summary for everyone, /publish_summary for the organisers.

One router for the feature: reading, then the organisers' sub-router (filter set once),
then one refusal for everyone else at the organisers' command and buttons.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.users.values import Role
from handlers.common.access import organisers_only, refusal
from handlers.common.callbacks import answer_callbacks
from handlers.summaries import publish, read
from handlers.summaries.callbacks import PublishSummaryCb, SummaryConfirmCb, SummaryDayCb, alert


async def refuse_command(message: Message) -> None:
    await message.answer(refusal(Role.ORGANISER))


async def refuse_button(_callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    alert(callback_answer, refusal(Role.ORGANISER))


def refusals() -> Router:
    router = Router(name="summaries_refusals")
    router.message.register(refuse_command, Command("publish_summary"))
    for data in (PublishSummaryCb, SummaryDayCb, SummaryConfirmCb):
        router.callback_query.register(refuse_button, data.filter())
    return router


def router() -> Router:
    summaries = Router(name="summaries")
    summaries.message.filter(F.chat.type == "private")
    organisers = organisers_only("summaries_organisers")
    for module in (read, publish):
        module.setup(summaries, organisers)
    summaries.include_routers(organisers, refusals())
    answer_callbacks(summaries)
    return summaries
