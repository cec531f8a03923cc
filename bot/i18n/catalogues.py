"""Gettext catalogues compiled in memory from the committed ``.po`` files.

Each feature keeps its own ``bot/i18n/locales/<lang>/<feature>.po``; they are merged per
language at start-up, so no binary ``.mo`` file is ever committed or built by hand.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from aiogram.utils.i18n import I18n
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "messages"


def read_catalogue(language_dir: Path) -> Catalog:
    """All ``.po`` files of one language merged into one catalogue."""
    merged = Catalog(locale=language_dir.name, domain=DOMAIN)
    for po_file in sorted(language_dir.glob("*.po")):
        with po_file.open("rb") as handle:
            part = read_po(handle, locale=language_dir.name)
        for message in part:
            if message.id:
                _check_plural(po_file, message, merged.num_plurals)
                merged[message.id] = message
    return merged


def _check_plural(po_file: Path, message: Message, forms: int) -> None:
    """A plural needs every form of its language, or gettext falls back to English unseen."""
    strings = message.string
    if not message.pluralizable or not isinstance(strings, (tuple, list)):
        return
    if len(strings) != forms or not all(strings):
        raise ValueError(
            f"{po_file.name}: {message.id[0]!r} needs {forms} non-empty plural forms"
            f" (msgstr[0]…msgstr[{forms - 1}]), has {len(strings)}"
        )


def compile_catalogues(path: Path) -> dict[str, gettext.GNUTranslations]:
    """Every language folder under ``path`` compiled to a translation object in memory."""
    translations: dict[str, gettext.GNUTranslations] = {}
    for language_dir in sorted(p for p in path.iterdir() if p.is_dir()):
        buffer = io.BytesIO()
        write_mo(buffer, read_catalogue(language_dir))
        buffer.seek(0)
        translations[language_dir.name] = gettext.GNUTranslations(buffer)
    return translations


def build_i18n(default_language: str) -> I18n:
    """aiogram's own I18n with our in-memory catalogues.

    Not a subclass: aiogram's ``gettext`` looks the instance up through a context
    variable that belongs to the ``I18n`` class itself, and a subclass gets its own.
    """
    i18n = I18n(path=LOCALES_DIR, default_locale=default_language, domain=DOMAIN)
    i18n.locales = compile_catalogues(LOCALES_DIR)
    return i18n


SUPPORTED = ("ru", "en")


def language_for(telegram_code: str | None, default: str) -> str:
    """The user's Telegram language when the bot speaks it, else the default (Russian)."""
    short = (telegram_code or "").lower()[:2]
    return short if short in SUPPORTED else default


def language_scope(i18n: I18n) -> Callable[[str], AbstractContextManager[object]]:
    """Renders in ``language`` outside an update (notices, reminders, broadcasts)."""

    @contextmanager
    def scope(language: str) -> Iterator[object]:
        with i18n.context(), i18n.use_locale(language):
            yield i18n

    return scope
