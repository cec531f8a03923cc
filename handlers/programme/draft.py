"""The buttons of the change being made: a room from the list, «⏩ also move the later
sessions», «✅ Confirm» and «✖ Discard». Each acts only on the change open now (its
``tag``); one under an older preview says so and changes nothing."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.agenda.service import AgendaService
from bot.content.models import Text
from bot.programme.service import ProgrammeDesk
from bot.programme.values import ChangeRejectedError
from bot.users.values import User
from handlers.common.forms import Form, form_of
from handlers.common.views import show
from handlers.programme import texts
from handlers.programme.callbacks import DraftAction, DraftCb, RoomCb, alert
from handlers.programme.flows import (
    CONFIRMED,
    FORMS,
    PROPOSAL,
    ROOM_FIELD,
    ROOMS,
    ask_confirm,
    proposal_of,
)
from handlers.programme.views import problem_text


async def _open_form(state: FSMContext, answer: CallbackAnswer) -> Form | None:
    form = form_of(await state.get_state())
    if form is None or form not in FORMS:
        alert(answer, texts.stale())
        return None
    return form


async def confirm(
    callback: CallbackQuery, callback_data: DraftCb, state: FSMContext, **data: Any
) -> None:
    form = await _open_form(state, data["callback_answer"])
    if form is not None:
        await form.choose(callback, state, CONFIRMED, True, data, {"tag": callback_data.tag})


async def discard(
    callback: CallbackQuery, callback_data: DraftCb, state: FSMContext, **data: Any
) -> None:
    form = await _open_form(state, data["callback_answer"])
    if form is None or not await form.still_open(
        callback, state, CONFIRMED, data, {"tag": callback_data.tag}
    ):
        return
    await state.clear()
    await show(callback, texts.discarded())


async def later(
    callback: CallbackQuery, callback_data: DraftCb, state: FSMContext, **data: Any
) -> None:
    """A delay's scope: this session alone, or with the later sessions of its day."""
    form = await _open_form(state, data["callback_answer"])
    if form is None or not await form.still_open(
        callback, state, CONFIRMED, data, {"tag": callback_data.tag}
    ):
        return
    values = await state.get_data()
    proposal = proposal_of(values)
    await state.update_data({PROPOSAL: replace(proposal, later=not proposal.later).data()})
    await show(callback, *await ask_confirm(await state.get_data(), data))


async def pick_room(
    callback: CallbackQuery, callback_data: RoomCb, state: FSMContext, **data: Any
) -> None:
    """A room from the list; one that would overlap is refused here, the step stays open."""
    answer: CallbackAnswer = data["callback_answer"]
    form = await _open_form(state, answer)
    match = {"tag": callback_data.tag}
    if form is None or not await form.still_open(callback, state, ROOM_FIELD, data, match):
        return
    rooms = (await state.get_data()).get(ROOMS, [])
    if callback_data.index >= len(rooms):
        alert(answer, texts.stale())
        return
    room = Text.model_validate(rooms[callback_data.index])
    desk: ProgrammeDesk = data["programme_desk"]
    user: User = data["user"]
    try:
        await desk.preview(user, replace(proposal_of(await state.get_data()), room=room))
    except ChangeRejectedError as error:
        agenda: AgendaService = data["agenda"]
        alert(answer, problem_text(error, await agenda.zone(), user.language))
        return
    await form.choose(callback, state, ROOM_FIELD, room.model_dump(), data, match)


def router() -> Router:
    router = Router(name="programme.draft")
    router.message.filter(F.chat.type == "private")
    router.callback_query.register(confirm, DraftCb.filter(F.action == DraftAction.CONFIRM))
    router.callback_query.register(discard, DraftCb.filter(F.action == DraftAction.DISCARD))
    router.callback_query.register(later, DraftCb.filter(F.action == DraftAction.LATER))
    router.callback_query.register(pick_room, RoomCb.filter())
    for form in FORMS:
        form.register(router)
    return router
