"""Command line: ``python -m bot [run|check|load] ...``, one job per command."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from bot.clock import SystemClock
from bot.config import Settings, describe_error
from bot.content import ContentError, load_content
from bot.content.models import Content
from bot.services.content import ContentService
from bot.store import Store
from bot.store.content_sync import SyncReport

CONFIG_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="start the bot with long polling (the default)")
    check = commands.add_parser("check", help="validate the data files")
    check.add_argument("directory", nargs="?", type=Path, help="default: DATA_DIR")
    load = commands.add_parser("load", help="import the data files into the store")
    load.add_argument("directory", nargs="?", type=Path, help="default: DATA_DIR")
    args = parser.parse_args(argv)

    try:
        settings = Settings()
    except ValidationError as error:
        print(f"configuration error: {describe_error(error)}", file=sys.stderr)
        return CONFIG_ERROR
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.command == "check":
        return check_command(args.directory or settings.data_dir)
    if args.command == "load":
        return asyncio.run(load_command(settings, args.directory or settings.data_dir))
    if settings.bot_token is None:
        print(
            "configuration error: BOT_TOKEN is not set: put it in .env or the environment"
            " (see .env.example)",
            file=sys.stderr,
        )
        return CONFIG_ERROR
    return asyncio.run(run_command(settings))


def check_command(directory: Path) -> int:
    try:
        content = load_content(directory)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in {directory}", file=sys.stderr)
        return 1
    print(digest(content, directory))
    return 0


def digest(content: Content, directory: Path) -> str:
    days = content.programme.days
    sessions = sum(len(day.sessions) for day in days)
    national = sum(1 for d in content.delegations if d.kind == "national_society")
    return (
        f"{directory}: OK — {content.event.short_name.en}, "
        f"{content.event.starts_on} to {content.event.ends_on} ({content.event.timezone}); "
        f"{len(days)} days, {sessions} sessions, {len(content.delegations)} delegations "
        f"({national} national societies), {len(content.people)} people, "
        f"{len(content.quotes)} quotes, {len(content.summaries)} summaries, "
        f"{len(content.press_releases)} press releases"
    )


async def load_command(settings: Settings, directory: Path) -> int:
    store = await Store.open(settings.database_path)
    try:
        report = await ContentService(store, SystemClock()).load(directory)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("nothing was loaded", file=sys.stderr)
        return 1
    finally:
        await store.close()
    print(describe_report(report, directory, settings.database_path))
    return 0


def describe_report(report: SyncReport, directory: Path, database: Path) -> str:
    if not report.changed:
        return f"{directory} → {database}: already up to date, nothing changed"
    lines = [f"{directory} → {database}:"]
    for table, counts in sorted(report.counts.items()):
        parts = [f"{count} {kind.value}" for kind, count in counts.items() if count]
        if parts:
            lines.append(f"  {table}: {', '.join(parts)}")
    return "\n".join(lines)


async def run_command(settings: Settings) -> int:
    from bot.app import App  # imported here so `check` and `load` stay light

    async with await App.create(settings) as app:
        try:
            await app.run_polling()
        except ContentError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            print("the store is empty and data/ does not validate", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
