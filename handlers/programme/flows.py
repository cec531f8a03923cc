"""Every programme change declared as a form: the typed steps, then the preview to confirm.

What the form keeps between steps is plain JSON: the change as first asked for
(``proposal``, a ``Proposal``), a ``tag`` naming this open change (a button under an
older preview acts on nothing), the rooms offered, and each typed answer. A typed answer
is checked by the service as soon as it can be (times, then the room's overlaps), so
the organiser retypes it at once; the preview then checks the whole change again.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.content.models import Text
from bot.forms.input import clean
from bot.i18n.durations import duration
from bot.programme.edits import parse_span
from bot.programme.service import ProgrammeDesk
from bot.programme.values import (
    DESCRIPTION,
    ROOM,
    TITLE,
    Action,
    ChangeRejectedError,
    Proposal,
)
from bot.users.values import User
from handlers.common.forms import Form, Question, StepRejectedError, Values, parser
from handlers.common.forms import Step as FormStep
from handlers.programme import texts
from handlers.programme.result import apply_change
from handlers.programme.views import preview_view, problem_text, rejected_view

PROPOSAL, TAG, ROOMS, CONFIRMED = "proposal", "tag", "rooms", "confirmed"
SPAN, ROOM_FIELD = "span", "room"
TITLE_RU, TITLE_EN, TEXT_RU, TEXT_EN = "title_ru", "title_en", "text_ru", "text_en"


def new_tag() -> str:
    return uuid.uuid4().hex[:10]


def proposal_of(values: Values) -> Proposal:
    """The change as the answers so far make it."""
    proposal = Proposal.from_data(values[PROPOSAL])
    if SPAN in values:
        start, end = values[SPAN]
        proposal = replace(proposal, start=start, end=end)
    if ROOM_FIELD in values:
        proposal = replace(proposal, room=Text.model_validate(values[ROOM_FIELD]))
    if TITLE_EN in values:
        proposal = replace(proposal, title=Text(ru=values[TITLE_RU], en=values[TITLE_EN]))
    if TEXT_EN in values:
        proposal = replace(proposal, description=Text(ru=values[TEXT_RU], en=values[TEXT_EN]))
    return proposal


# ------------------------------------------------------------------ parsers


async def _check(proposal: Proposal, data: dict[str, Any]) -> None:
    """The service's verdict on the change so far, as the step's refusal."""
    desk: ProgrammeDesk = data["programme_desk"]
    try:
        await desk.preview(data["user"], proposal)
    except ChangeRejectedError as error:
        raise await _refusal(error, data) from error


async def _refusal(error: ChangeRejectedError, data: dict[str, Any]) -> StepRejectedError:
    agenda: AgendaService = data["agenda"]
    user: User = data["user"]
    reason = problem_text(error, await agenda.zone(), user.language)
    return StepRejectedError(reason + "\n" + _("Nothing was changed. Send it again, or /cancel."))


async def parse_times(text: str | None, values: Values, data: dict[str, Any]) -> list[str]:
    try:
        start, end = parse_span(text)
    except ChangeRejectedError as error:
        raise await _refusal(error, data) from error
    proposal = replace(proposal_of(values), start=start, end=end)
    if proposal.action is Action.ADD:
        desk: ProgrammeDesk = data["programme_desk"]
        assert proposal.day is not None
        try:
            await desk.check_span(data["user"], proposal.day, start, end)
        except ChangeRejectedError as error:
            raise await _refusal(error, data) from error
    else:
        await _check(proposal, data)
    return [start, end]


def room_text(text: str | None) -> Text:
    """«зал Б / Hall B»; one name serves both languages."""
    value = clean(text, ROOM)
    ru, _slash, en = value.partition(" / ")
    return Text(ru=clean(ru, ROOM), en=clean(en or ru, ROOM))


async def parse_room(text: str | None, values: Values, data: dict[str, Any]) -> dict[str, str]:
    room = room_text(text)
    await _check(replace(proposal_of(values), room=room), data)
    return room.model_dump()


def parse_title(text: str | None) -> str:
    return clean(text, TITLE)


def parse_description(text: str | None) -> str:
    return clean(text, DESCRIPTION, multiline=True)


# ------------------------------------------------------------------ the preview


async def ask_confirm(values: Values, data: dict[str, Any]) -> Question:
    """The preview, or why the change cannot be made (with what is left to do)."""
    desk: ProgrammeDesk = data["programme_desk"]
    agenda: AgendaService = data["agenda"]
    user: User = data["user"]
    zone = await agenda.zone()
    proposal = proposal_of(values)
    try:
        preview = await desk.preview(user, proposal)
    except ChangeRejectedError as error:
        later = 0
        if proposal.action is Action.DELAY and not proposal.later:
            later = await _later_count(desk, user, proposal)
        return rejected_view(error, proposal, later, zone, user.language, values[TAG])
    quiet = duration(data["settings"].changes_quiet_minutes * 60)
    return preview_view(preview, zone, user.language, values[TAG], quiet)


async def _later_count(desk: ProgrammeDesk, user: User, proposal: Proposal) -> int:
    """How many sessions a rejected delay could move along (to offer it)."""
    try:
        return (await desk.preview(user, replace(proposal, later=True))).later
    except ChangeRejectedError:
        return 0


async def finish(target: Message, values: Values, data: dict[str, Any]) -> None:
    callback = data.get("callback")
    assert isinstance(callback, CallbackQuery)
    await apply_change(callback, proposal_of(values), data)


def _confirm_step(state: State) -> FormStep:
    return FormStep(state, ask_confirm, CONFIRMED)


def _form(name: str, steps: list[FormStep]) -> Form:
    return Form(name, steps, finish=finish, cancelled=texts.discarded, stale=texts.stale)


class Confirm(StatesGroup):
    confirm = State()


class Times(StatesGroup):
    span = State()
    confirm = State()


class Room(StatesGroup):
    room = State()
    confirm = State()


class Title(StatesGroup):
    ru = State()
    en = State()
    confirm = State()


class Description(StatesGroup):
    ru = State()
    en = State()
    confirm = State()


class Add(StatesGroup):
    title_ru = State()
    title_en = State()
    span = State()
    room = State()
    confirm = State()


CONFIRM = _form("programme-confirm", [_confirm_step(Confirm.confirm)])
TIMES = _form(
    "programme-times",
    [FormStep(Times.span, texts.ask_times, SPAN, parse_times), _confirm_step(Times.confirm)],
)
ROOM_FORM = _form(
    "programme-room",
    [FormStep(Room.room, texts.ask_room, ROOM_FIELD, parse_room), _confirm_step(Room.confirm)],
)
TITLE_FORM = _form(
    "programme-title",
    [
        FormStep(Title.ru, texts.ask_title_ru, TITLE_RU, parser(parse_title)),
        FormStep(Title.en, texts.ask_title_en, TITLE_EN, parser(parse_title)),
        _confirm_step(Title.confirm),
    ],
)
DESCRIPTION_FORM = _form(
    "programme-description",
    [
        FormStep(
            Description.ru,
            texts.ask_text_ru,
            TEXT_RU,
            parser(parse_description),
            DESCRIPTION.high,
        ),
        FormStep(
            Description.en,
            texts.ask_text_en,
            TEXT_EN,
            parser(parse_description),
            DESCRIPTION.high,
        ),
        _confirm_step(Description.confirm),
    ],
)
ADD = _form(
    "programme-add",
    [
        FormStep(Add.title_ru, texts.ask_title_ru, TITLE_RU, parser(parse_title)),
        FormStep(Add.title_en, texts.ask_title_en, TITLE_EN, parser(parse_title)),
        FormStep(Add.span, texts.ask_times, SPAN, parse_times),
        FormStep(Add.room, texts.ask_room, ROOM_FIELD, parse_room),
        _confirm_step(Add.confirm),
    ],
)
FORMS = (CONFIRM, TIMES, ROOM_FORM, TITLE_FORM, DESCRIPTION_FORM, ADD)
FORM_OF = {
    Action.DELAY: CONFIRM,
    Action.CANCEL: CONFIRM,
    Action.RESTORE: CONFIRM,
    Action.TIMES: TIMES,
    Action.ROOM: ROOM_FORM,
    Action.TITLE: TITLE_FORM,
    Action.DESCRIPTION: DESCRIPTION_FORM,
    Action.ADD: ADD,
}
