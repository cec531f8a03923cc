"""/publish: an organiser writes a press release (in one language or both), sets an
embargo, previews, publishes.

After the text in one language the form offers «Add the English (or Russian) version» or
«Publish in one language»; the second version's steps are asked only when wanted. Which
language came first is told by its alphabet (Cyrillic: Russian).
"""

from __future__ import annotations

import datetime as dt
import secrets
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.forms.input import BODY, TITLE, clean, parse_moment
from bot.press.releases import LONGEST_EMBARGO, PressPublishing
from bot.press.values import PressRelease, Version, in_languages, written_language
from bot.telegram.html import MESSAGE_LIMIT, paginate
from bot.telegram.keyboard import InlineKeyboardBuilder
from handlers.common.forms import (
    Form,
    Prompt,
    Question,
    Step,
    StepRejectedError,
    Values,
    parser,
    prompt,
)
from handlers.common.views import show
from handlers.press.callbacks import (
    Confirm,
    LanguagesCb,
    NoEmbargoCb,
    PressMenu,
    PressMenuCb,
    PublishCb,
)
from handlers.press.common import cancelled
from handlers.press.views import release_header


class ReleaseForm(StatesGroup):
    """The state names are stored: a draft under way survives an upgrade."""

    title = State()
    body = State()
    languages = State()
    second_title = State()
    second_body = State()
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


def first_language(values: Values) -> str:
    return written_language(f"{values['title']} {values['body']}")


def second_language(values: Values) -> str:
    return "en" if first_language(values) == "ru" else "ru"


async def ask_languages(values: Values, _data: dict[str, Any]) -> Question:
    russian = first_language(values) == "ru"
    builder = InlineKeyboardBuilder()
    add = _("➕ Add the English version") if russian else _("➕ Add the Russian version")
    builder.button(text=add, callback_data=LanguagesCb(draft=values["draft"], add=True))
    builder.button(
        text=_("Publish in one language"),
        callback_data=LanguagesCb(draft=values["draft"], add=False),
    )
    builder.adjust(1)
    text = (
        _("Step 3 of 4. The release is in Russian. Add the English version?")
        if russian
        else _("Step 3 of 4. The release is in English. Add the Russian version?")
    )
    return text, builder.as_markup()


async def ask_second_title(values: Values, _data: dict[str, Any]) -> Question:
    if second_language(values) == "en":
        return _("The English version: the title?"), None
    return _("The Russian version: the title?"), None


async def ask_second_body(values: Values, _data: dict[str, Any]) -> Question:
    if second_language(values) == "en":
        return _("The English version: the text, paragraphs separated by an empty line?"), None
    return _("The Russian version: the text, paragraphs separated by an empty line?"), None


async def ask_embargo(values: Values, _data: dict[str, Any]) -> Question:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("No embargo"), callback_data=NoEmbargoCb(draft=values["draft"]))
    text = _(
        "Step 4 of 4. Embargo: until when (event time) may it not be published? "
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


def versions_of(values: Values) -> list[Version]:
    versions = [Version(first_language(values), values["title"], values["body"])]
    if values.get("bilingual"):
        versions.append(
            Version(second_language(values), values["second_title"], values["second_body"])
        )
    return versions


async def ask_to_publish(values: Values, data: dict[str, Any]) -> list[Question]:
    """The draft as each language's readers will get it; the buttons under the last page."""
    publishing: PressPublishing = data["publishing"]
    agenda: AgendaService = data["agenda"]
    now, versions = publishing.now(), versions_of(values)
    draft = PressRelease(
        id=0,
        key="",
        title=in_languages(versions, "title"),
        body=in_languages(versions, "body"),
        published_at=now,
        embargo_until=embargo_of(values),
    )
    event = await agenda.event()
    pages: list[str] = []
    for version in versions:
        with get_i18n().use_locale(version.language):  # as that version's readers get it
            header = "\n".join(release_header(draft, event, now, version.language))
        parts = paginate(version.body.split("\n\n"), 3500, separator="\n\n")
        pages += [f"{header}\n\n{escape(parts[0])}", *(escape(part) for part in parts[1:])]
    questions: list[Question] = [(_("<b>Preview</b> — publish it?"), None)]
    questions += [(page, None) for page in pages[:-1]]
    return [*questions, (pages[-1], confirm_keyboard(values["draft"]))]


async def publish(message: Message, values: Values, data: dict[str, Any]) -> None:
    """The organiser's last word on the draft: publish it, or discard it."""
    callback: CallbackQuery = data["callback"]
    if not values["confirm"]:
        await show(callback, _("Discarded. Nothing was published."))
        return
    publishing: PressPublishing = data["publishing"]
    first, *others = versions_of(values)
    await publishing.publish_release(
        data["user"],
        values["draft"],
        first.title,
        first.body,
        embargo_of(values),
        language=first.language,
        translation=others[0] if others else None,
    )
    await show(
        callback, _("✅ Published. Subscribers and accredited journalists are being notified.")
    )


def bilingual(values: Values) -> bool:
    return bool(values.get("bilingual"))


def body_step(state: State, field: str, ask: Prompt, **options: Any) -> Step:
    """A release's text: paragraphs, up to a whole Telegram message."""
    return Step(
        state,
        ask,
        field,
        parser(lambda text: clean(text, BODY, multiline=True)),
        max_length=MESSAGE_LIMIT,
        **options,
    )


release_form = Form(
    "release",
    [
        Step(
            ReleaseForm.title,
            prompt(
                lambda: _(
                    "<b>New press release</b>, step 1 of 4. The title? (/cancel stops at any step)"
                )
            ),
            "title",
            parser(lambda text: clean(text, TITLE)),
        ),
        body_step(
            ReleaseForm.body,
            "body",
            prompt(
                lambda: _(
                    "Step 2 of 4. The text of the release; separate paragraphs with an empty line."
                )
            ),
        ),
        Step(ReleaseForm.languages, ask_languages, "bilingual"),
        Step(
            ReleaseForm.second_title,
            ask_second_title,
            "second_title",
            parser(lambda text: clean(text, TITLE)),
            when=bilingual,
        ),
        body_step(ReleaseForm.second_body, "second_body", ask_second_body, when=bilingual),
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


async def choose_languages(
    callback: CallbackQuery, callback_data: LanguagesCb, state: FSMContext, **data: Any
) -> None:
    await release_form.choose(
        callback, state, "bilingual", callback_data.add, data, match={"draft": callback_data.draft}
    )


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
    organisers.callback_query.register(choose_languages, LanguagesCb.filter())
    organisers.callback_query.register(no_embargo, NoEmbargoCb.filter())
    organisers.callback_query.register(confirm, PublishCb.filter())
    release_form.register(organisers)
