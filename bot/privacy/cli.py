"""``python -m bot purge [--dry-run]``: the retention purge by hand (bot/__main__.py
registers it)."""

from __future__ import annotations

import argparse
import sqlite3
import sys

from bot.config import Settings
from bot.store.holder import Store
from bot.time.clock import SystemClock


def purge_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Erase the personal data of everyone who is not an organiser, journalists known by"
        " email alone included, as the retention job does RETENTION_DAYS after the meeting"
        " (see docs/personal-data.md). Published releases, summaries and the statistics stay."
    )
    parser.epilog = "example: python -m bot purge --dry-run"
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would go, by table; change nothing"
    )


async def purge_command(settings: Settings, *, dry_run: bool) -> int:
    """Best with the bot stopped: a running bot keeps recent visitors in memory for a few
    minutes (its own retention job has no such gap)."""
    from bot.privacy.service import PrivacyService  # here so `check` and `load` stay light
    from bot.users.access import AccessService

    try:
        store = await Store.open(settings.database_path)
    except (OSError, sqlite3.Error) as error:
        print(f"cannot open the store at {settings.database_path}: {error}", file=sys.stderr)
        return 2
    try:
        access = AccessService(store, settings.organiser_ids)
        privacy = PrivacyService(store, SystemClock(), access, None, None)
        report = await privacy.purge(dry_run=dry_run)
    finally:
        await store.close()
    verb = "would erase" if dry_run else "erased"
    print(f"{verb} the personal data of {report.people} people (organisers are kept)")
    for table, count in report.tables.items():
        print(f"  {table}: {count} row(s)")
    return 0
