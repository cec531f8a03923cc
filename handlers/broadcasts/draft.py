"""The broadcast draft declared as a form: the announcement, its audience, the go-ahead.

The steps' prompts and the form's end (the broadcast starts) live here; the handlers of
each step are in ``compose``, ``audience`` and ``confirm``. What the form keeps between
steps is plain JSON (the FSM storage is SQLite): the draft and the chosen audience.
"""

from __future__ import annotations

import uuid
from typing import Any

from aiogram.filters import Filter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.broadcasts.progress import ProgressLoop
from bot.broadcasts.service import BroadcastService, Draft
from bot.broadcasts.values import Audience, AudienceKind
from bot.content.models import Text
from bot.delivery.values import Media, MediaKind
from bot.forms.input import Bounds, InputRejectedError, Problem
from bot.telegram import limits
from bot.telegram.html import CAPTION_LIMIT
from bot.telegram.limits import too_long_message
from bot.users.values import User
from handlers.broadcasts.callbacks import ComposeCb
from handlers.broadcasts.views import (
    audiences_markup,
    confirm_markup,
    confirm_question,
    discard_markup,
    discarded,
    new_broadcast,
    no_longer_open,
)
from handlers.common.forms import Form, Step, Values, message_parser, prompt

DRAFT, AUDIENCE, CONFIRMED = "draft", "audience", "confirmed"
ANNOUNCEMENT = Bounds(1, limits.ANNOUNCEMENT)


class Compose(StatesGroup):
    content = State()
    audience = State()
    confirm = State()


def tag(values: Values) -> str:
    """The short tag of the open draft; empty while none has been written yet."""
    draft = values.get(DRAFT) or {}
    return str(draft.get("token", ""))[:12]


class CurrentDraft(Filter):
    """Passes a compose button only when it was made for the draft that is open now."""

    async def __call__(
        self, callback: CallbackQuery, callback_data: ComposeCb, state: FSMContext
    ) -> bool:
        return callback_data.draft == tag(await state.get_data())


def refusal_for(message: Message) -> str | None:
    """Why a message cannot be an announcement; None when it can."""
    if len(message.caption or "") > CAPTION_LIMIT:
        return too_long_message(len(message.caption or ""), CAPTION_LIMIT)
    if message.media_group_id or not (message.text or message.photo or message.document):
        return _("A broadcast is text, or one photo or one document with a caption. Try again.")
    return None


def parse_announcement(message: Message) -> dict[str, str | None]:
    """The announcement in a message: text, or one photo or document with its caption,
    formatting kept; a fresh token names this draft."""
    if (message.text or "").startswith("/"):
        raise InputRejectedError(Problem.COMMAND, ANNOUNCEMENT)
    media = None
    if message.photo:
        media = Media(MediaKind.PHOTO, message.photo[-1].file_id)
    elif message.document:
        media = Media(MediaKind.DOCUMENT, message.document.file_id)
    elif not message.text:
        raise InputRejectedError(Problem.EMPTY, ANNOUNCEMENT)
    return {
        "token": uuid.uuid4().hex,
        "text": message.html_text if (message.text or message.caption) else "",
        "media_kind": None if media is None else media.kind.value,
        "file_id": None if media is None else media.file_id,
    }


def draft_of(values: Values) -> Draft:
    data = values[DRAFT]
    media = None
    if data.get("media_kind"):
        media = Media(MediaKind(str(data["media_kind"])), str(data["file_id"]))
    return Draft(token=str(data["token"]), text=str(data["text"]), media=media)


def audience_data(audience: Audience, count: int) -> dict[str, object]:
    name = None if audience.name is None else audience.name.model_dump_json()
    return {"kind": audience.kind.value, "ref": audience.ref, "name": name, "count": count}


def audience_of(values: Values) -> tuple[Audience, int]:
    """The chosen audience and how many it reached when it was chosen."""
    data = values[AUDIENCE]
    name, ref = data.get("name"), data.get("ref")
    audience = Audience(
        AudienceKind(str(data["kind"])),
        ref if isinstance(ref, int) else None,
        Text.model_validate_json(name) if isinstance(name, str) else None,
    )
    return audience, int(data["count"])


async def ask_audience(
    values: Values, _data: dict[str, Any]
) -> tuple[str, InlineKeyboardMarkup | None]:
    return _("Who should get it?"), audiences_markup(tag(values))


async def ask_confirm(
    values: Values, data: dict[str, Any]
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Asked below the preview, which the audience step has just sent."""
    user: User = data["user"]
    audience, count = audience_of(values)
    return confirm_question(audience, count, user.language), confirm_markup(tag(values))


async def start_sending(target: Message, values: Values, data: dict[str, Any]) -> None:
    """The form's end: the broadcast starts and its progress replaces the question."""
    user: User = data["user"]
    broadcasts: BroadcastService = data["broadcasts"]
    progress: ProgressLoop = data["broadcast_progress"]
    audience, _count = audience_of(values)
    broadcast = await broadcasts.start(user, draft_of(values), audience, target.message_id)
    if broadcast is None:
        await target.answer(_("This broadcast has been sent already."))
        return
    await progress.show(await broadcasts.report(broadcast))


COMPOSE = Form(
    "broadcast",
    [
        Step(
            Compose.content,
            prompt(new_broadcast, discard_markup),
            DRAFT,
            message_parser(parse_announcement),
            max_length=limits.ANNOUNCEMENT,
        ),
        Step(Compose.audience, ask_audience, AUDIENCE),
        Step(Compose.confirm, ask_confirm, CONFIRMED),
    ],
    finish=start_sending,
    cancelled=discarded,
    stale=no_longer_open,
)
