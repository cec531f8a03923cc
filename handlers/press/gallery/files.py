"""The file an organiser sends, and the press copy made of it once.

Telegram cannot send a photo's file_id as a document («it is not possible to change the
file type when resending by file_id»), and a file sent again by file_id keeps the name it
was uploaded with. So at publication the bot downloads the original once, in memory
(never into the store), and uploads it as a document named after the credit; journalists
then get that document by its file_id.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import gettext as _

from bot.press.photo_values import (
    IMAGE_TYPES,
    MAX_FILE_BYTES,
    PhotoFile,
    PhotoKind,
    PressCopy,
    TelegramFile,
    image_extension,
)
from handlers.common.forms import StepRejectedError

MEGABYTE = 1024 * 1024
UNTYPED = ("", "application/octet-stream")


def what_was_sent(message: Message) -> str:
    """What a message carries, to say why it is not a photo."""
    kinds = (
        (message.sticker, _("a sticker")),
        (message.animation, _("an animation")),
        (message.video or message.video_note, _("a video")),
        (message.voice or message.audio, _("an audio message")),
    )
    for present, name in kinds:
        if present:
            return name
    if message.document:
        return _("a file of type {type}").format(type=message.document.mime_type or "?")
    return _("a message without a photo")


def wrong_type(message: Message) -> str:
    return _(
        "That was {what}. The gallery takes photos only: a JPEG, PNG, TIFF, HEIC or WebP "
        "image, sent as a photo or as a file. Send the photo, or /cancel."
    ).format(what=what_was_sent(message))


def too_big(size: int) -> str:
    return _(
        "This file is {size} MB; the gallery takes files up to {limit} MB (the most a bot "
        "may download from Telegram). Send a smaller export, or /cancel."
    ).format(size=f"{size / MEGABYTE:.1f}", limit=MAX_FILE_BYTES // MEGABYTE)


def photo_file_of(message: Message) -> PhotoFile | None:
    """The photo in a message: a photo (its largest size) or an image sent as a file."""
    if message.photo:
        size = message.photo[-1]
        file = TelegramFile(size.file_id, size.file_unique_id)
        return PhotoFile(PhotoKind.PHOTO, file, None, "image/jpeg", size.file_size)
    document = message.document
    if document is None or message.animation is not None:
        return None
    mime = document.mime_type or ""
    if mime not in IMAGE_TYPES and not (mime in UNTYPED and image_extension(document.file_name)):
        return None
    file = TelegramFile(document.file_id, document.file_unique_id)
    return PhotoFile(PhotoKind.DOCUMENT, file, document.file_name, mime, document.file_size)


def parse_file(message: Message) -> dict[str, Any]:
    """Step 1 of the upload: one photo, bounded in size; kept as plain JSON in the form."""
    if (message.text or "").startswith("/"):
        raise StepRejectedError(_("That looks like a command. Send the photo, or /cancel."))
    if message.media_group_id:
        raise StepRejectedError(_("Send one photo at a time, not an album."))
    found = photo_file_of(message)
    if found is None:
        raise StepRejectedError(wrong_type(message))
    if found.size is not None and found.size > MAX_FILE_BYTES:
        raise StepRejectedError(too_big(found.size))
    return {
        "kind": found.kind.value,
        "file_id": found.file.file_id,
        "unique_id": found.file.unique_id,
        "name": found.name,
        "mime": found.mime_type,
        "size": found.size,
        "caption": (message.caption or "").strip(),
    }


def file_of(value: dict[str, Any]) -> PhotoFile:
    return PhotoFile(
        kind=PhotoKind(value["kind"]),
        file=TelegramFile(value["file_id"], value["unique_id"]),
        name=value["name"],
        mime_type=value["mime"],
        size=value["size"],
    )


async def make_press_copy(
    bot: Bot, chat_id: int, original: PhotoFile, name: str, caption: str
) -> PressCopy | None:
    """Downloads the original (in memory) and uploads it to ``chat_id`` as the document
    ``name``; None when Telegram will not hand the file over (over 20 MB, say)."""
    try:
        downloaded = await bot.download(original.file.file_id)
    except TelegramBadRequest:
        return None
    payload = b"" if downloaded is None else downloaded.read()
    if not payload or len(payload) > MAX_FILE_BYTES:
        return None
    sent = await bot.send_document(
        chat_id, BufferedInputFile(payload, filename=name), caption=caption
    )
    assert sent.document is not None
    return PressCopy(TelegramFile(sent.document.file_id, sent.document.file_unique_id), name)
