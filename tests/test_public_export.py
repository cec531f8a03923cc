"""The static mirror (``python -m bot export-site``, SITE_EXPORT_DIR) and the printable
programme from the command line: every page as a file whose links all lead to files of
the mirror, replaced whole, kept up to date by the running bot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.__main__ import build_parser
from bot.app import App
from bot.config import Settings
from bot.web.public.commands import export_site, programme_pdf
from bot.web.public.export import MARK, NotAMirrorError, replace_folder
from tests.clock import ManualClock
from tests.conftest import local
from tests.public_kit import delay, page_kinds
from tests.scheduler import ClockScheduler
from tests.test_web_auth import web_app

LINK = re.compile(r'(?:href|src)="([^"]*)"')


def broken_links(site: Path) -> list[str]:
    """Every link of every page of the mirror that names no file of it."""
    broken = []
    for page in site.rglob("*.html"):
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            target = link.split("#", 1)[0]
            if target in ("", "data:,"):  # the empty icon: no request at all
                continue
            if re.match(r"[a-z]+:|/", target) or not (page.parent / target).resolve().is_file():
                broken.append(f"{page.relative_to(site)} → {link}")
    return broken


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.suffix == ".pdf")


async def test_the_mirror_holds_every_page_and_document_with_working_relative_links(
    web: tuple[App, str], clock: ManualClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app, _base = web
    clock.set(local(6, 12))
    site = tmp_path / "site"
    assert await export_site(app.settings, site) == 0
    assert "files →" in capsys.readouterr().out
    for pattern in (await page_kinds(app)).values():
        for language in ("ru", "en"):
            address = pattern.format(lang=language)
            name = f"{address}index.html" if address.endswith("/") else f"{address}.html"
            assert (site / name).is_file(), name
    for language in ("ru", "en"):
        assert (site / language / "programme.pdf").read_bytes().startswith(b"%PDF")
        assert b"BEGIN:VCALENDAR" in (site / language / "programme.ics").read_bytes()
    assert (site / "index.html").is_file()
    assert broken_links(site) == []


def test_a_new_export_replaces_the_old_one_whole(tmp_path: Path) -> None:
    site = tmp_path / "site"
    replace_folder(site, {MARK: b"", "ru/old.html": b"old"})
    replace_folder(site, {MARK: b"", "ru/index.html": b"new"})
    assert not (site / "ru" / "old.html").exists()
    assert (site / "ru" / "index.html").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing left beside it


def test_a_folder_holding_other_files_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(NotAMirrorError):
        replace_folder(tmp_path, {MARK: b"", "ru/index.html": b"page"})
    assert (tmp_path / "notes.txt").read_text() == "mine"


async def test_the_running_bot_brings_the_mirror_up_to_date_after_a_live_delay(
    settings: Settings, clock: ManualClock, scheduler: ClockScheduler, tmp_path: Path
) -> None:
    site = tmp_path / "mirror"
    clock.set(local(5, 9))
    async with web_app(settings, clock, scheduler, site_export_dir=site) as (app, _base):
        assert (site / "en" / "day" / "20250906.html").is_file()  # written at start-up
        assert "Delayed" not in (site / "en" / "day" / "20250906.html").read_text()
        await delay(app, "d2-income", 10)
        assert "site-export-wake" in scheduler.job_ids()
        await scheduler.run_due()
        day = (site / "en" / "day" / "20250906.html").read_text()
        assert "10:10–12:40" in day
        assert "Delayed: planned for 10:00" in day


async def test_programme_pdf_writes_one_pdf_per_language(
    web: tuple[App, str], tmp_path: Path
) -> None:
    app, _base = web
    assert await programme_pdf(app.settings, tmp_path, None) == 0
    assert names(tmp_path) == ["programme-en.pdf", "programme-ru.pdf"]
    assert await programme_pdf(app.settings, tmp_path / "ru-only", "ru") == 0
    assert names(tmp_path / "ru-only") == ["programme-ru.pdf"]


def test_the_commands_say_what_they_do_with_an_example() -> None:
    parser = build_parser()
    for command in ("export-site", "programme-pdf"):
        help_text = parser._subparsers._group_actions[0].choices[command].format_help()  # type: ignore[union-attr]
        assert f"example: python -m bot {command}" in help_text
