"""Command line: ``python -m bot [run|check|load|backup|export|import-schedule] ...``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import logging
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from bot.config import Settings, describe_error
from bot.content import ContentError, load_content
from bot.content.importers import ScheduleImportError, import_schedule
from bot.content.models import Content
from bot.content.service import ContentService
from bot.content.sync import SyncReport
from bot.stats.exports import EXPORTS, write_csv
from bot.store.backup import BackupError, backup, backup_target
from bot.store.holder import Store
from bot.time.clock import SystemClock

CONFIG_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="start the bot (long polling unless told otherwise)")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument(
        "--webhook", action="store_const", const="webhook", dest="mode", help="serve a webhook"
    )
    mode.add_argument(
        "--polling", action="store_const", const="polling", dest="mode", help="long polling"
    )
    check = commands.add_parser("check", help="validate the data files")
    check.add_argument("directory", nargs="?", type=Path, help="default: DATA_DIR")
    load = commands.add_parser("load", help="import the data files into the store")
    load.add_argument("directory", nargs="?", type=Path, help="default: DATA_DIR")
    save = commands.add_parser("backup", help="copy the store consistently, even while it runs")
    save.add_argument("path", type=Path, help="a file, or a folder for a time-stamped file")
    export = commands.add_parser("export", help="write a CSV for the press office")
    export.add_argument("name", nargs="?", help="what to export; --list shows the names")
    export.add_argument("--out", type=Path, help="a file (UTF-8 for Excel); default: stdout")
    export.add_argument("--list", action="store_true", help="list the exports and exit")
    schedule = commands.add_parser(
        "import-schedule",
        help="turn a frab/pretalx/c3voc schedule export (JSON or XML) into data files",
    )
    schedule.add_argument("file", type=Path, help="schedule.json (1.x or 2) or schedule.xml")
    schedule.add_argument("--out", type=Path, required=True, help="the data folder to write")
    schedule.add_argument(
        "--tz", help="the IANA zone of the times (default: the export's, else from its offsets)"
    )
    args = parser.parse_args(argv)
    if args.command == "export" and not args.list and args.name is None:
        parser.error("export needs a NAME (or --list)")

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
    if args.command == "backup":
        return asyncio.run(backup_command(settings, args.path))
    if args.command == "export":
        if args.list:
            return list_exports()
        return asyncio.run(export_command(settings, args.name, args.out))
    if args.command == "import-schedule":
        return import_schedule_command(args.file, args.out, args.tz)
    if args.command == "run" and args.mode is not None:
        settings = settings.model_copy(update={"update_mode": args.mode})
    if settings.bot_token is None:
        print(
            "configuration error: BOT_TOKEN is not set: put it in .env or the environment"
            " (see .env.example)",
            file=sys.stderr,
        )
        return CONFIG_ERROR
    if settings.update_mode == "webhook" and (
        settings.webhook_public_url is None or settings.webhook_secret is None
    ):
        print(
            "configuration error: webhook mode needs WEBHOOK_PUBLIC_URL and WEBHOOK_SECRET"
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


async def backup_command(settings: Settings, path: Path) -> int:
    target = backup_target(path, dt.datetime.now())
    try:
        report = await backup(settings.database_path, target)
    except (BackupError, OSError) as error:
        print(f"backup failed: {error}", file=sys.stderr)
        return 1
    print(
        f"{settings.database_path} → {report.path}: {report.size} bytes,"
        f" schema version {report.schema_version}, integrity ok"
    )
    return 0


def list_exports() -> int:
    for export in EXPORTS.values():
        print(f"{export.name:20} {export.description}")
    return 0


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    # utf-8-sig: Excel, which the press office opens CSVs with, needs the BOM for Cyrillic.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        yield handle


async def export_command(settings: Settings, name: str, out: Path | None) -> int:
    export = EXPORTS.get(name)
    if export is None:
        known = ", ".join(EXPORTS)
        print(f"unknown export {name!r}; known: {known}", file=sys.stderr)
        return 1
    store = await Store.open(settings.database_path)
    try:
        with _output(out) as handle:
            count = await write_csv(export, store, handle)
    finally:
        await store.close()
    if out is not None:
        print(f"{count} row(s) of {name} → {out}")
    return 0


def import_schedule_command(file: Path, out: Path, tz: str | None = None) -> int:
    try:
        result = import_schedule(file, out, tz)
    except ScheduleImportError as error:
        for warning in error.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in {file}; nothing was written", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for line in result.describe():
        print(line)
    print(f"next: python -m bot check {out}")
    return 0


async def run_command(settings: Settings) -> int:
    from bot.app import App, freeze_start_up_objects  # here so `check` and `load` stay light

    # Stopping while MAX_CONCURRENT_UPDATES are busy leaves aiogram holding the next update
    # as a coroutine it never starts. That update is not lost (it was not confirmed, so
    # Telegram sends it again after the restart); the warning would only alarm operators.
    warnings.filterwarnings(
        "ignore",
        message="coroutine 'Dispatcher._process_update' was never awaited",
        category=RuntimeWarning,
    )
    async with await App.create(settings) as app:
        freeze_start_up_objects()
        try:
            if settings.update_mode == "webhook":
                await app.run_webhook()
            else:
                await app.run_polling()
        except ContentError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            print("the store is empty and data/ does not validate", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
