"""``python -m bot export-site DIR`` and ``python -m bot programme-pdf``: the public
edition written to files, from the store as it is (the bot may be running meanwhile)."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.config import Settings
from bot.i18n.catalogues import SUPPORTED, build_i18n
from bot.store.holder import Store
from bot.time.clock import SystemClock
from bot.web.public.export import NotAMirrorError, SiteExporter
from bot.web.public.site import PublicSite

EXPORT_EPILOG = "example: python -m bot export-site /srv/www/meeting"
PDF_EPILOG = "example: python -m bot programme-pdf --out press-kit/"


def export_site_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Write the public web edition as plain files (relative links, the calendar file and"
        " the printable programme included) into DIR, replacing an earlier copy in one step."
    )
    parser.epilog = EXPORT_EPILOG
    parser.add_argument("directory", type=Path, help="the folder to write (created if missing)")


def programme_pdf_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Write the printable programme: one A4 PDF per language."
    parser.epilog = PDF_EPILOG
    parser.add_argument("--out", type=Path, default=Path("."), help="a folder (default: here)")
    parser.add_argument("--lang", choices=SUPPORTED, help="one language (default: both)")


@asynccontextmanager
async def public_site(settings: Settings) -> AsyncIterator[PublicSite]:
    store = await Store.open(settings.database_path)
    try:
        yield PublicSite.build(
            settings, store, SystemClock(), build_i18n(settings.default_language)
        )
    finally:
        await store.close()


async def export_site(settings: Settings, directory: Path) -> int:
    try:
        async with public_site(settings) as site:
            exporter = SiteExporter(site, directory, settings.default_language)
            count = await exporter.write()
    except (OSError, sqlite3.Error, LookupError, NotAMirrorError) as error:
        print(f"export-site: nothing written: {error}", file=sys.stderr)
        return 1
    print(f"{count} files → {directory} (open {directory / 'index.html'})")
    return 0


async def programme_pdf(settings: Settings, out: Path, language: str | None) -> int:
    try:
        async with public_site(settings) as site:
            codes = (language,) if language else SUPPORTED
            documents = {code: await site.printer.pdf(code) for code in codes}
        for path in write_documents(out, documents):
            print(path)
    except (OSError, sqlite3.Error, LookupError) as error:
        print(f"programme-pdf: nothing written: {error}", file=sys.stderr)
        return 1
    return 0


def write_documents(out: Path, documents: dict[str, bytes]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for code, document in documents.items():
        path = out / f"programme-{code}.pdf"
        path.write_bytes(document)
        written.append(path)
    return written
