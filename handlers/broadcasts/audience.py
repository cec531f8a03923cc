"""The audience step: the audiences, the lists of delegations and sessions, the choice."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.broadcasts.service import BroadcastService
from bot.broadcasts.values import Audience, AudienceKind
from bot.delegations.service import DelegationService
from bot.telegram.html import shorten
from bot.time.display import clock_time, short_day
from bot.users.values import User
from handlers.broadcasts.callbacks import ComposeAction, ComposeCb, alert, compose_button
from handlers.broadcasts.confirm import preview
from handlers.broadcasts.draft import (
    AUDIENCE,
    COMPOSE,
    Compose,
    CurrentDraft,
    audience_data,
    draft_of,
    tag,
)
from handlers.broadcasts.views import (
    Choice,
    audience_name,
    audiences_markup,
    choices_markup,
)
from handlers.common.views import show


async def audiences(callback: CallbackQuery, state: FSMContext) -> None:
    """Back to the audiences, from a list or from the preview («Change audience»)."""
    await COMPOSE.reopen(state, AUDIENCE)
    await show(callback, _("Who should get it?"), audiences_markup(tag(await state.get_data())))


async def pick_delegation(
    callback: CallbackQuery,
    state: FSMContext,
    user: User,
    delegations: DelegationService,
    broadcasts: BroadcastService,
) -> None:
    choices: list[Choice] = []
    for delegation in (await delegations.participants()).ordered():
        audience = Audience(AudienceKind.DELEGATION, delegation.id)
        count = await broadcasts.audience_size(user, audience)
        label = f"{shorten(delegation.name.get(user.language), 50)} ({count})"
        choices.append((label, AudienceKind.DELEGATION, delegation.id))
    markup = choices_markup(choices, tag(await state.get_data()))
    await show(callback, _("Which delegation?"), markup)


async def pick_session(
    callback: CallbackQuery,
    state: FSMContext,
    callback_answer: CallbackAnswer,
    user: User,
    agenda: AgendaService,
    broadcasts: BroadcastService,
) -> None:
    """Only sessions somebody follows: the others' audience would be empty."""
    zone = await agenda.zone()
    choices: list[Choice] = []
    for session in await agenda.programme():
        count = await broadcasts.audience_size(user, Audience(AudienceKind.SESSION, session.id))
        if count:
            when = f"{short_day(session.day, user.language)} {clock_time(session.starts_at, zone)}"
            title = shorten(session.title.get(user.language), 40)
            choices.append((f"{when} {title} ({count})", AudienceKind.SESSION, session.id))
    if not choices:
        alert(callback_answer, _("Nobody has subscribed to a session yet."))
        return
    markup = choices_markup(choices, tag(await state.get_data()))
    await show(callback, _("Subscribers of which session?"), markup)


async def chosen(
    callback: CallbackQuery,
    callback_data: ComposeCb,
    state: FSMContext,
    *,
    callback_answer: CallbackAnswer,
    user: User,
    bot: Bot,
    broadcasts: BroadcastService,
    **data: Any,
) -> None:
    """An audience was chosen: the preview, then the form asks for the go-ahead."""
    audience = await broadcasts.audience(callback_data.kind, callback_data.ref)
    if audience is None:
        alert(callback_answer, _("This choice is out of date."))
        return
    count = await broadcasts.audience_size(user, audience)
    if count == 0:
        alert(callback_answer, _("Nobody is in this audience yet."))
        return
    name = audience_name(audience, user.language)
    await show(callback, _("Audience: {audience}.").format(audience=name))
    if not await preview(bot, user, state, draft_of(await state.get_data())):
        return
    value = audience_data(audience, count)
    context = {**data, "user": user, "bot": bot, "broadcasts": broadcasts}
    context["callback_answer"] = callback_answer
    await COMPOSE.choose(callback, state, AUDIENCE, value, context)


def router() -> Router:
    router = Router(name="broadcasts.audience")
    at_audience = (StateFilter(Compose.audience), CurrentDraft())
    router.callback_query.register(
        audiences,
        compose_button(ComposeAction.AUDIENCES),
        StateFilter(Compose.audience, Compose.confirm),
        CurrentDraft(),
    )
    router.callback_query.register(
        pick_delegation, compose_button(ComposeAction.DELEGATIONS), *at_audience
    )
    router.callback_query.register(
        pick_session, compose_button(ComposeAction.SESSIONS), *at_audience
    )
    router.callback_query.register(chosen, compose_button(ComposeAction.CHOOSE), *at_audience)
    return router
