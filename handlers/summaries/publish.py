"""/publish_summary: an organiser writes a day's summary, previews it, publishes it."""

from __future__ import annotations

import datetime as dt
import secrets
from html import escape
from typing import Any

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.forms.input import BODY, TITLE, clean
from bot.summaries.service import PublishOutcome, SummaryService
from bot.telegram.html import MESSAGE_LIMIT
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading, short_day
from bot.users.values import User
from handlers.agenda.browse import day_key, parse_day_key
from handlers.common.forms import Form, Question, Step, Values, parser, preview, prompt
from handlers.common.views import show
from handlers.summaries.callbacks import (
    PublishSummaryCb,
    SummaryConfirmCb,
    SummaryDayCb,
    alert,
)


class SummaryForm(StatesGroup):
    day = State()
    title = State()
    body = State()
    preview = State()


def not_in_programme() -> str:
    return _("This day is not in the programme.")


def confirm_keyboard(draft: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("✅ Publish"), callback_data=SummaryConfirmCb(draft=draft, publish=True))
    builder.button(text=_("✖ Discard"), callback_data=SummaryConfirmCb(draft=draft, publish=False))
    return builder.as_markup()


async def ask_day(_values: Values, data: dict[str, Any]) -> Question:
    agenda: AgendaService = data["agenda"]
    user: User = data["user"]
    builder = InlineKeyboardBuilder()
    for day in await agenda.days():
        builder.button(
            text=short_day(day.date, user.language),
            callback_data=SummaryDayCb(day=day_key(day.date)),
        )
    builder.adjust(1)
    text = _("<b>Daily summary</b>, step 1 of 3. Which day? (/cancel stops at any step)")
    return text, builder.as_markup()


async def ask_title(values: Values, data: dict[str, Any]) -> Question:
    user: User = data["user"]
    day = dt.date.fromisoformat(values["day"])
    return _("Step 2 of 3. The title of the summary of {day}?").format(
        day=escape(day_heading(day, user.language))
    ), None


async def ask_to_publish(values: Values, data: dict[str, Any]) -> list[Question]:
    summaries: SummaryService = data["summaries"]
    user: User = data["user"]
    day = dt.date.fromisoformat(values["day"])
    replaces: list[Question] = []
    if await summaries.for_day(day) is not None:
        replaces.append((_("It replaces the summary already published for this day."), None))
    title = escape(values["title"])
    heading = escape(day_heading(day, user.language))
    header = f"<b>{title}</b>\n<i>{heading}</i>"
    return replaces + preview(header, values["body"], confirm_keyboard(values["draft"]))


async def publish(_message: Message, values: Values, data: dict[str, Any]) -> None:
    callback: CallbackQuery = data["callback"]
    if not values["confirm"]:
        await show(callback, _("Discarded. Nothing was published."))
        return
    summaries: SummaryService = data["summaries"]
    day = dt.date.fromisoformat(values["day"])
    outcome = await summaries.publish(
        data["user"], values["draft"], day, values["title"], values["body"]
    )
    if outcome is PublishOutcome.UNKNOWN_DAY:
        alert(data["callback_answer"], not_in_programme())
        return
    await show(
        callback, _("✅ Published. Subscribers and accredited journalists are being notified.")
    )


summary_form = Form(
    "summary",
    [
        Step(SummaryForm.day, ask_day, "day"),
        Step(SummaryForm.title, ask_title, "title", parser(lambda text: clean(text, TITLE))),
        Step(
            SummaryForm.body,
            prompt(
                lambda: _(
                    "Step 3 of 3. The text of the summary; separate paragraphs with an empty line."
                )
            ),
            "body",
            parser(lambda text: clean(text, BODY, multiline=True)),
            max_length=MESSAGE_LIMIT,
        ),
        Step(SummaryForm.preview, ask_to_publish, "confirm"),
    ],
    finish=publish,
    cancelled=lambda: _("Cancelled. Nothing was saved. The press centre: /press"),
    stale=lambda: _("This draft is no longer open: it was published or discarded."),
)


async def publish_summary_command(message: Message, state: FSMContext, **data: Any) -> None:
    await summary_form.begin(message, state, data, draft=secrets.token_hex(6))


async def publish_summary_button(callback: CallbackQuery, state: FSMContext, **data: Any) -> None:
    assert isinstance(callback.message, Message)
    await summary_form.begin(callback.message, state, data, draft=secrets.token_hex(6))


async def choose_day(
    callback: CallbackQuery, callback_data: SummaryDayCb, state: FSMContext, **data: Any
) -> None:
    summaries: SummaryService = data["summaries"]
    day = parse_day_key(callback_data.day)
    if day is None or not await summaries.is_meeting_day(day):
        alert(data["callback_answer"], not_in_programme())
        return
    await summary_form.choose(callback, state, "day", day.isoformat(), data)


async def confirm(
    callback: CallbackQuery, callback_data: SummaryConfirmCb, state: FSMContext, **data: Any
) -> None:
    await summary_form.choose(
        callback,
        state,
        "confirm",
        callback_data.publish,
        data,
        match={"draft": callback_data.draft},
    )


def setup(public: Router, organisers: Router) -> None:
    organisers.message.register(publish_summary_command, Command("publish_summary"))
    organisers.callback_query.register(publish_summary_button, PublishSummaryCb.filter())
    organisers.callback_query.register(choose_day, SummaryDayCb.filter())
    organisers.callback_query.register(confirm, SummaryConfirmCb.filter())
    summary_form.register(organisers)
