"""Press photos as the services see them: Telegram file ids and what the press must know.

A file is never kept by the bot: the store holds Telegram's ``file_id`` (to send it again)
and ``file_unique_id`` (the same file whoever sent it). The press gets a *press copy*: the
original as a document whose name carries the credit (see :func:`press_file_name`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath

from bot.forms.input import Bounds

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The largest file the gallery takes: a bot may download at most 20 MB through the Bot API
(getFile), and it must, once, to send the press copy under the credit's name."""

IMAGE_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/tiff": "tif",
    "image/heic": "heic",
    "image/heif": "heif",
    "image/webp": "webp",
}
"""Image files the gallery takes as documents, and the extension of their press copy."""
EXTENSIONS = {"jpeg": "jpg", "jpg": "jpg", "png": "png", "tif": "tif", "tiff": "tif"} | {
    name: name for name in ("heic", "heif", "webp")
}

CAPTION = Bounds(3, 600)
CREDIT = Bounds(3, 100)
LICENCE = Bounds(2, 100)
"""Caption, credit and licence fit one document caption (1024 characters) with room."""


class PhotoKind(StrEnum):
    """How the organiser sent the file: a photo is Telegram's recompressed copy (at most
    2560 px), a document the original file."""

    PHOTO = "photo"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class TelegramFile:
    file_id: str
    unique_id: str


@dataclass(frozen=True, slots=True)
class PhotoFile:
    """The file the organiser sent, as Telegram describes it."""

    kind: PhotoKind
    file: TelegramFile
    name: str | None
    mime_type: str
    size: int | None

    @property
    def extension(self) -> str:
        """The press copy's extension: a photo is a JPEG; a document keeps its type."""
        if self.kind is PhotoKind.PHOTO:
            return "jpg"
        return IMAGE_TYPES.get(self.mime_type) or image_extension(self.name) or "jpg"


@dataclass(frozen=True, slots=True)
class PhotoDetails:
    """What the organiser said about the photo."""

    caption: str
    credit: str
    licence: str
    day: dt.date
    consent: bool
    content_warning: bool


@dataclass(frozen=True, slots=True)
class PressCopy:
    """The document journalists get: the original under the name :func:`press_file_name`."""

    file: TelegramFile
    name: str


@dataclass(frozen=True, slots=True)
class Photo:
    id: int
    original: PhotoFile
    details: PhotoDetails
    copy: PressCopy
    published_at: dt.datetime
    withdrawn: bool

    @property
    def shareable(self) -> bool:
        """What may be shown to the press: credited, consent recorded, not withdrawn."""
        return may_publish(self.details) and not self.withdrawn


def may_publish(details: PhotoDetails) -> bool:
    """The gallery's rule: no photo reaches the press without a credit and recorded consent."""
    return details.consent and len(details.credit.strip()) >= CREDIT.low


def image_extension(file_name: str | None) -> str | None:
    """The press copy's extension for an image file's name; None when it is no image."""
    suffix = PurePosixPath(file_name or "").suffix.lower().lstrip(".")
    return EXTENSIONS.get(suffix)


_ONE_LETTER = str.maketrans(
    "абвгдезийклмнопрстуфыэәғқңөұүһіўј", "abvgdeziyklmnoprstufyeagqnouuhiuy"
)
_MORE_LETTERS = (
    {"ё": "e", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": ""}
    | {"ь": "", "ю": "yu", "я": "ya", "ї": "yi", "є": "ye", "җ": "zh", "ҹ": "ch", "љ": "lj"}
    | {"њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz", "ə": "e", "ı": "i", "ß": "ss", "æ": "ae"}
    | {"ø": "o", "đ": "d", "ł": "l"}
)


def ascii_fold(text: str) -> str:
    """Latin letters for Cyrillic and accented ones («Ачилова» → «Achilova», «ň» → «n»)."""
    letters = []
    for char in text:
        lower = char.lower()
        folded = _MORE_LETTERS.get(lower, lower.translate(_ONE_LETTER))
        folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
        if char != lower and folded:
            folded = folded[0].upper() + folded[1:]
        letters.append(folded)
    return "".join(letters)


def press_file_name(credit: str, day: dt.date, token: str, extension: str) -> str:
    """«2025-09-05_Aina-Berdyeva-TRCS_1a2b3c.jpg»: the day, the credit, a short tag.

    ASCII only: Telegram keeps the name the file was uploaded with, and non-ASCII names
    depend on how each HTTP client encodes them; the tag keeps two names apart.
    """
    words = re.findall(r"[A-Za-z0-9]+", ascii_fold(credit))
    slug = "-".join(words)[:60].strip("-") or "photo"
    return f"{day.isoformat()}_{slug}_{token[:6]}.{extension}"
