"""Plural messages: merged from the feature catalogues, compiled in memory, used in chat,
outside an update and in the console's templates, each with its language's forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiogram.utils.i18n import ngettext

from bot.i18n.catalogues import build_i18n, compile_catalogues, language_scope
from bot.web.render import Pages
from bot.web.texts import Catalogue

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
FOLLOWER = ("{count} follower", "{count} followers")


def _write(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")


def _plural(forms: tuple[str, ...]) -> str:
    lines = [f'msgid "{FOLLOWER[0]}"', f'msgid_plural "{FOLLOWER[1]}"']
    lines += [f'msgstr[{i}] "{form}"' for i, form in enumerate(forms)]
    return "\n".join(lines) + "\n"


def test_a_plural_message_in_one_feature_file_merges_with_the_others(tmp_path: Path) -> None:
    _write(tmp_path / "ru" / "a.po", 'msgid "Main"\nmsgstr "Главное"\n')
    _write(
        tmp_path / "ru" / "b.po",
        _plural(("{count} подписчик", "{count} подписчика", "{count} подписчиков")),
    )
    _write(tmp_path / "en" / "b.po", _plural(("{count} follower", "{count} followers")))
    compiled = compile_catalogues(tmp_path)
    ru = [compiled["ru"].ngettext(*FOLLOWER, n).format(count=n) for n in (1, 2, 5, 21)]
    assert ru == ["1 подписчик", "2 подписчика", "5 подписчиков", "21 подписчик"]
    assert compiled["ru"].gettext("Main") == "Главное"
    assert compiled["en"].ngettext(*FOLLOWER, 1) == "{count} follower"


def test_a_plural_with_the_wrong_number_of_forms_is_refused_at_start_up(tmp_path: Path) -> None:
    """Two forms in Russian would silently show English for 5, 11, 101: refuse, naming it."""
    _write(tmp_path / "ru" / "b.po", _plural(("{count} подписчик", "{count} подписчика")))
    with pytest.raises(ValueError, match=r"b\.po.*follower.*3"):
        compile_catalogues(tmp_path)


def test_a_plural_with_an_empty_form_is_refused_at_start_up(tmp_path: Path) -> None:
    _write(tmp_path / "en" / "b.po", _plural(("{count} follower", "")))
    with pytest.raises(ValueError, match="follower"):
        compile_catalogues(tmp_path)


def test_ngettext_outside_an_update_follows_the_language_scope() -> None:
    scope = language_scope(build_i18n("ru"))
    words = (
        "Also move the {count} later session of the day",
        "Also move the {count} later sessions of the day",
    )
    with scope("ru"):
        ru = ngettext(*words, 5).format(count=5)
    with scope("en"):
        en = ngettext(*words, 1).format(count=1)
    assert ru == "Сдвинуть и 5 следующих заседаний дня"
    assert en == "Also move the 1 later session of the day"


def test_console_templates_have_ngettext_in_the_readers_language() -> None:
    pages = Pages(Catalogue(build_i18n("ru")))
    template = pages.environment.from_string(
        '{{ ngettext("Also move the {count} later session of the day",'
        ' "Also move the {count} later sessions of the day", n).format(count=n) }}'
    )
    assert pages.render(template, "ru", n=2) == "Сдвинуть и 2 следующих заседания дня"
    assert pages.render(template, "en", n=1) == "Also move the 1 later session of the day"
