"""Every string the bot says exists in Russian and English, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from bot.i18n.catalogues import LOCALES_DIR, build_i18n, language_for, read_catalogue
from tests.conftest import ROOT

PLACEHOLDER = re.compile(r"\{(\w*)\}")
LANGUAGES = ("ru", "en")


def read_catalogue_file(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def message_ids_in_code() -> set[str]:
    """As ``pybabel extract -F babel.cfg`` finds them: in the code and the Jinja templates."""
    with (ROOT / "babel.cfg").open() as handle:
        methods, options = parse_mapping_cfg(handle)
    found: set[str] = set()
    for package in ("bot", "handlers"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=methods, options_map=options
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def key(message_id: str | tuple[str, ...]) -> str:
    """A plural message is known by its singular, as gettext knows it."""
    return message_id if isinstance(message_id, str) else message_id[0]


@pytest.fixture(scope="module")
def used() -> set[str]:
    ids = message_ids_in_code()
    assert len(ids) > 50, "the extractor found too few messages: is it looking at the code?"
    return ids


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str, used: set[str]) -> None:
    catalogue = read_catalogue(LOCALES_DIR / language)
    missing = sorted(m for m in used if not (catalogue.get(m) and catalogue.get(m).string))
    assert not missing, f"untranslated in {language}: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogues_hold_no_stale_messages(language: str, used: set[str]) -> None:
    catalogue = read_catalogue(LOCALES_DIR / language)
    stale = sorted(key(m.id) for m in catalogue if m.id and key(m.id) not in used)
    assert not stale, f"in {language} but no longer in the code: {stale}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language: str) -> None:
    for message in read_catalogue(LOCALES_DIR / language):
        if not message.id:
            continue
        ids = (message.id,) if isinstance(message.id, str) else message.id
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        assert all(sorted(PLACEHOLDER.findall(i)) == wanted for i in ids), message.id
        forms = (message.string,) if isinstance(message.string, str) else message.string
        for form in forms:  # every plural form keeps the count: Russian's «one» is 21 too
            assert sorted(PLACEHOLDER.findall(form)) == wanted, (message.id, form)


def test_catalogues_compile_in_memory_and_translate() -> None:
    i18n = build_i18n("ru")
    assert set(i18n.available_locales) == set(LANGUAGES)
    assert i18n.gettext("Main menu", locale="ru") == "Главное меню"
    assert i18n.gettext("Main menu", locale="en") == "Main menu"


def test_no_compiled_catalogue_is_committed() -> None:
    assert not list(Path(LOCALES_DIR).rglob("*.mo"))


@pytest.mark.parametrize(
    ("telegram", "expected"),
    [("en", "en"), ("en-US", "en"), ("ru", "ru"), (None, "ru"), ("uz", "ru"), ("de", "ru")],
)
def test_language_follows_telegram_when_the_bot_speaks_it(
    telegram: str | None, expected: str
) -> None:
    assert language_for(telegram, "ru") == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_message_in_two_feature_catalogues_is_translated_the_same(language: str) -> None:
    """The catalogues are merged at start-up, so a second translation would silently lose."""
    seen: dict[str, tuple[str, str]] = {}
    for po_file in sorted((LOCALES_DIR / language).glob("*.po")):
        for message in read_catalogue_file(po_file, language):
            if not message.id:
                continue
            key = str(message.id)
            if key in seen:
                other_file, other = seen[key]
                assert other == message.string, (
                    f"{key!r}: {other_file} says {other!r}, {po_file.name} says {message.string!r}"
                )
            seen[key] = (po_file.name, str(message.string))
