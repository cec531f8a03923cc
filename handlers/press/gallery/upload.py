"""/upload_photo: an organiser puts a photo into the press gallery, one step at a time.

The file, its caption, credit and licence, the day, the consent mark, the content
warning, a preview, then «Publish». A photo without recorded consent goes no further.
What the form keeps between steps is plain JSON (the FSM storage is SQLite).
"""

from __future__ import annotations

import datetime as dt
import secrets
from html import escape
from typing import Any

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.forms.input import clean
from bot.press.photo_values import (
    CAPTION,
    CREDIT,
    LICENCE,
    MAX_FILE_BYTES,
    PhotoDetails,
    press_file_name,
)
from bot.press.photos import PhotoService
from bot.telegram.html import CAPTION_LIMIT, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import short_day
from bot.users.values import User
from handlers.common.forms import Form, Question, Step, Values, message_parser, parser, prompt
from handlers.common.views import show
from handlers.press.gallery.callbacks import PhotoChoice, PhotoFormCb
from handlers.press.gallery.files import MEGABYTE, file_of, make_press_copy, parse_file
from handlers.press.gallery.views import details_lines

LICENCES = ("CC BY 4.0", "CC BY-NC 4.0")


class UploadForm(StatesGroup):
    file = State()
    caption = State()
    credit = State()
    licence = State()
    day = State()
    consent = State()
    warning = State()
    preview = State()


def buttons(draft: str, *choices: tuple[str, PhotoChoice, str]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for text, choice, value in choices:
        builder.button(
            text=text, callback_data=PhotoFormCb(draft=draft, choice=choice, value=value)
        )
    builder.adjust(1)
    return builder.as_markup()


def details_of(values: Values) -> PhotoDetails:
    return PhotoDetails(
        caption=values["caption"],
        credit=values["credit"],
        licence=values["licence"],
        day=dt.date.fromisoformat(values["day"]),
        consent=bool(values["consent"]),
        content_warning=bool(values["warning"]),
    )


def copy_name(values: Values) -> str:
    details = details_of(values)
    extension = file_of(values["file"]).extension
    return press_file_name(details.credit, details.day, values["draft"], extension)


async def ask_caption(values: Values, _data: dict[str, Any]) -> Question:
    text = ngettext(
        "Step 2 of 7. The caption: who, what, where ({low}–{count} character)?",
        "Step 2 of 7. The caption: who, what, where ({low}–{count} characters)?",
        CAPTION.high,
    ).format(low=CAPTION.low, count=CAPTION.high)
    sent = values["file"]["caption"]
    if not CAPTION.low <= len(sent) <= CAPTION.high:
        return text, None
    keep = _("Keep «{caption}»").format(caption=shorten(sent, 40))
    return text, buttons(values["draft"], (keep, PhotoChoice.KEEP_CAPTION, ""))


async def ask_licence(values: Values, _data: dict[str, Any]) -> Question:
    text = _(
        "Step 4 of 7. The licence: choose one, or type the terms (e.g. «Free for editorial "
        "use with credit»)."
    )
    choices = [(name, PhotoChoice.LICENCE, str(i)) for i, name in enumerate(LICENCES)]
    return text, buttons(values["draft"], *choices)


async def ask_day(values: Values, data: dict[str, Any]) -> Question:
    photos: PhotoService = data["photos"]
    user: User = data["user"]
    days = await photos.days()
    choices = [(short_day(d, user.language), PhotoChoice.DAY, d.isoformat()) for d in days]
    return _("Step 5 of 7. Which day of the meeting is it from?"), buttons(
        values["draft"], *choices
    )


async def ask_consent(values: Values, _data: dict[str, Any]) -> Question:
    text = _(
        "Step 6 of 7. Is the consent of the people who can be recognised in it recorded? "
        "Without it the photo cannot go to the press."
    )
    return text, buttons(
        values["draft"],
        (_("✅ Consent recorded"), PhotoChoice.CONSENT, ""),
        (_("✖ Not recorded"), PhotoChoice.NO_CONSENT, ""),
    )


async def ask_warning(values: Values, _data: dict[str, Any]) -> Question:
    text = _(
        "Step 7 of 7. Does it need a content warning (injuries, distress)? Journalists then "
        "see the warning before they get the photo."
    )
    return text, buttons(
        values["draft"],
        (_("No warning"), PhotoChoice.NO_WARNING, ""),
        (_("⚠️ Content warning"), PhotoChoice.WARNING, ""),
    )


async def ask_to_publish(values: Values, data: dict[str, Any]) -> Question:
    user: User = data["user"]
    lines = [_("<b>Preview</b> — publish it to the press gallery?"), ""]
    lines += details_lines(details_of(values), user.language)
    lines += ["", _("Journalists get the file {name}.").format(name=escape(copy_name(values)))]
    if values["file"]["kind"] == "photo":
        lines.append(
            _("It came as a photo, which Telegram compresses: send it as a file for the original.")
        )
    return "\n".join(lines), buttons(
        values["draft"],
        (_("✅ Publish"), PhotoChoice.PUBLISH, ""),
        (_("✖ Discard"), PhotoChoice.DISCARD, ""),
    )


async def publish(_message: Message, values: Values, data: dict[str, Any]) -> None:
    """The organiser's last word: the press copy is made, then the photo published."""
    callback: CallbackQuery = data["callback"]
    if not values["confirm"]:
        await show(callback, _("Discarded. Nothing was saved."))
        return
    photos: PhotoService = data["photos"]
    user: User = data["user"]
    details = details_of(values)
    caption = _("The file as journalists get it:") + "\n\n"
    caption += "\n".join(details_lines(details, user.language))
    bot: Bot = data["bot"]
    original = file_of(values["file"])
    copy = await make_press_copy(
        bot, user.id, original, copy_name(values), shorten(caption, CAPTION_LIMIT)
    )
    if copy is None:
        await show(callback, _("Telegram did not hand this file to the bot. Nothing was saved."))
        return
    photo = await photos.publish(user, values["draft"], original, details, copy)
    await show(
        callback,
        _("✅ Photo No. {number} is in the gallery; journalists are told.").format(number=photo.id),
    )


upload_form = Form(
    "photo",
    [
        Step(
            UploadForm.file,
            prompt(
                lambda: _(
                    "<b>New press photo</b>, step 1 of 7. Send the photo: as a file to keep the "
                    "original quality, or as a photo. JPEG, PNG, TIFF, HEIC or WebP, up to "
                    "{limit} MB. (/cancel stops at any step)"
                ).format(limit=MAX_FILE_BYTES // MEGABYTE)
            ),
            "file",
            message_parser(parse_file),
            max_length=CAPTION_LIMIT,
        ),
        Step(
            UploadForm.caption,
            ask_caption,
            "caption",
            parser(lambda text: clean(text, CAPTION, multiline=True)),
        ),
        Step(
            UploadForm.credit,
            prompt(
                lambda: _(
                    "Step 3 of 7. The credit, as journalists must print it: photographer and "
                    "organisation (e.g. «Aina Berdyeva / Red Crescent Society of Turkmenistan»)."
                )
            ),
            "credit",
            parser(lambda text: clean(text, CREDIT)),
        ),
        Step(UploadForm.licence, ask_licence, "licence", parser(lambda t: clean(t, LICENCE))),
        Step(UploadForm.day, ask_day, "day"),
        Step(UploadForm.consent, ask_consent, "consent"),
        Step(UploadForm.warning, ask_warning, "warning"),
        Step(UploadForm.preview, ask_to_publish, "confirm"),
    ],
    finish=publish,
    cancelled=lambda: _("Cancelled. Nothing was saved. The gallery: /photos"),
    stale=lambda: _("This upload is no longer open: it was published or discarded."),
)


async def upload_command(message: Message, state: FSMContext, **data: Any) -> None:
    await upload_form.begin(message, state, data, draft=secrets.token_hex(6))


async def upload_button(callback: CallbackQuery, state: FSMContext, **data: Any) -> None:
    assert isinstance(callback.message, Message)
    await upload_form.begin(callback.message, state, data, draft=secrets.token_hex(6))
