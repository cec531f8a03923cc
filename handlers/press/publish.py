"""/publish: an organiser writes a press release, sets an embargo, previews, publishes."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.forms.input import BODY, TITLE, clean, parse_moment
from bot.press.releases import PressPublishing
from bot.press.values import PressRelease, as_written
from bot.telegram.html import MESSAGE_LIMIT
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.forms import (
    Form,
    Question,
    Step,
    StepRejectedError,
    Values,
    parser,
    preview,
    prompt,
)
from handlers.common.views import show
from handlers.press.callbacks import Confirm, NoEmbargoCb, PressMenu, PressMenuCb, PublishCb
from handlers.press.common import cancelled
from handlers.press.views import release_header

LONGEST_EMBARGO = dt.timedelta(days=14)


class ReleaseForm(StatesGroup):
    title = State()
    body = State()
    embargo = State()
    preview = State()


def confirm_keyboard(draft: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("✅ Publish"), callback_data=PublishCb(draft=draft, choice=Confirm.PUBLISH)
    )
    builder.button(
        text=_("✖ Discard"), callback_data=PublishCb(draft=draft, choice=Confirm.DISCARD)
    )
    return builder.as_markup()


async def ask_embargo(values: Values, _data: dict[str, Any]) -> Question:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("No embargo"), callback_data=NoEmbargoCb(draft=values["draft"]))
    text = _(
        "Step 3 of 3. Embargo: until when (event time) may it not be published? "
        "Send HH:MM or DD.MM HH:MM, or press «No embargo»."
    )
    return text, builder.as_markup()


async def parse_embargo(text: str | None, _values: Values, data: dict[str, Any]) -> str:
    """A moment within the next 14 days, in the event's zone; stored as ISO text."""
    publishing: PressPublishing = data["publishing"]
    agenda: AgendaService = data["agenda"]
    now = publishing.now()
    embargo = parse_moment(text, now, (await agenda.event()).zone)
    if not now < embargo <= now + LONGEST_EMBARGO:
        raise StepRejectedError(_("The embargo must end in the future, within 14 days."))
    return embargo.isoformat()


def embargo_of(values: Values) -> dt.datetime | None:
    return dt.datetime.fromisoformat(values["embargo"]) if values.get("embargo") else None


async def ask_to_publish(values: Values, data: dict[str, Any]) -> list[Question]:
    publishing: PressPublishing = data["publishing"]
    agenda: AgendaService = data["agenda"]
    user: User = data["user"]
    now = publishing.now()
    draft = PressRelease(
        id=0,
        key="",
        title=as_written(values["title"]),
        body=as_written(values["body"]),
        published_at=now,
        embargo_until=embargo_of(values),
    )
    header = "\n".join(release_header(draft, await agenda.event(), now, user.language))
    return preview(header, values["body"], confirm_keyboard(values["draft"]))


async def publish(message: Message, values: Values, data: dict[str, Any]) -> None:
    """The organiser's last word on the draft: publish it, or discard it."""
    callback: CallbackQuery = data["callback"]
    if not values["confirm"]:
        await show(callback, _("Discarded. Nothing was published."))
        return
    publishing: PressPublishing = data["publishing"]
    await publishing.publish_release(
        data["user"], values["draft"], values["title"], values["body"], embargo_of(values)
    )
    await show(
        callback, _("✅ Published. Subscribers and accredited journalists are being notified.")
    )


release_form = Form(
    "release",
    [
        Step(
            ReleaseForm.title,
            prompt(
                lambda: _(
                    "<b>New press release</b>, step 1 of 3. The title? (/cancel stops at any step)"
                )
            ),
            "title",
            parser(lambda text: clean(text, TITLE)),
        ),
        Step(
            ReleaseForm.body,
            prompt(
                lambda: _(
                    "Step 2 of 3. The text of the release; separate paragraphs with an empty line."
                )
            ),
            "body",
            parser(lambda text: clean(text, BODY, multiline=True)),
            max_length=MESSAGE_LIMIT,
        ),
        Step(ReleaseForm.embargo, ask_embargo, "embargo", parse_embargo),
        Step(ReleaseForm.preview, ask_to_publish, "confirm"),
    ],
    finish=publish,
    cancelled=cancelled,
    stale=lambda: _("This draft is no longer open: it was published or discarded."),
)


async def publish_command(message: Message, state: FSMContext, **data: Any) -> None:
    await release_form.begin(message, state, data, draft=secrets.token_hex(6))


async def publish_button(callback: CallbackQuery, state: FSMContext, **data: Any) -> None:
    assert isinstance(callback.message, Message)
    await release_form.begin(callback.message, state, data, draft=secrets.token_hex(6))


async def no_embargo(
    callback: CallbackQuery, callback_data: NoEmbargoCb, state: FSMContext, **data: Any
) -> None:
    await release_form.choose(
        callback, state, "embargo", None, data, match={"draft": callback_data.draft}
    )


async def confirm(
    callback: CallbackQuery, callback_data: PublishCb, state: FSMContext, **data: Any
) -> None:
    publish_it = callback_data.choice is Confirm.PUBLISH
    await release_form.choose(
        callback, state, "confirm", publish_it, data, match={"draft": callback_data.draft}
    )


def setup(public: Router, organisers: Router) -> None:
    organisers.message.register(publish_command, Command("publish"))
    organisers.callback_query.register(
        publish_button, PressMenuCb.filter(F.item == PressMenu.PUBLISH_RELEASE)
    )
    organisers.callback_query.register(no_embargo, NoEmbargoCb.filter())
    organisers.callback_query.register(confirm, PublishCb.filter())
    release_form.register(organisers)
