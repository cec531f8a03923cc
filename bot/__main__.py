"""Command line: python -m bot [run|check|load|backup|export|import-schedule|export-site|
programme-pdf|purge] ..."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import logging
import sqlite3
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from bot.config import Settings, describe_error
from bot.content import ContentError, load_content
from bot.content.importers import ScheduleImportError, import_schedule
from bot.content.service import ContentService, describe_content, describe_load
from bot.feedback.survey import load_survey
from bot.privacy.cli import purge_arguments, purge_command
from bot.privacy.notice import describe_notice, load_notice
from bot.stats.exports import EXPORTS, command_line_actor, record_export, write_csv
from bot.store.backup import BackupError, backup, backup_target, prune_backups
from bot.store.holder import Store
from bot.time.clock import SystemClock
from bot.venue.loader import describe_practical, load_practical
from bot.web.public import commands as public

CONFIG_ERROR = 2
API_CHECK_SECONDS = 15
"""How long the start-up getMe may take before the Bot API counts as unreachable."""


class StartUpError(Exception):
    """A setting that is well formed but does not work here (the store cannot be opened,
    the Bot API cannot be reached): one line for the operator, exit status 2."""


@dataclass(frozen=True, slots=True)
class SubCommand:
    help: str
    run: Callable[[argparse.Namespace, Settings], int]
    arguments: Callable[[argparse.ArgumentParser], None]
    example: str = ""  # one invocation for the help's epilog, e.g. "python -m bot check data/"


DESCRIPTION = """\
The event desk bot and its tools. Without a command it runs the bot.
Settings come from the environment or .env (see .env.example)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "export" and not args.list and args.name is None:
        parser.error("export needs a NAME (or --list)")
    try:
        settings = Settings()
    except ValidationError as error:
        return fail(f"configuration error: {describe_error(error)}")
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        return SUB_COMMANDS[args.command or "run"].run(args, settings)
    except StartUpError as error:
        return fail(str(error))


def build_parser() -> argparse.ArgumentParser:
    # Plain text with examples: the help is read in a terminal, not rendered as reST.
    examples = "\n".join(f"  {c.example}" for c in SUB_COMMANDS.values() if c.example)
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description=DESCRIPTION,
        epilog=f"examples:\n{examples}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(mode=None)  # `python -m bot` alone runs the bot
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, command in SUB_COMMANDS.items():
        sub = commands.add_parser(
            name,
            help=command.help,
            description=command.help[:1].upper() + command.help[1:] + ".",
            epilog=f"example:\n  {command.example}" if command.example else None,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.arguments(sub)
    return parser


def fail(line: str) -> int:
    print(line, file=sys.stderr)
    return CONFIG_ERROR


def _run_arguments(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--webhook", action="store_const", const="webhook", dest="mode", help="serve a webhook"
    )
    mode.add_argument(
        "--polling", action="store_const", const="polling", dest="mode", help="long polling"
    )


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.mode is not None:
        settings = settings.model_copy(update={"update_mode": args.mode})
    if settings.bot_token is None:
        raise StartUpError(
            "configuration error: BOT_TOKEN is not set: put it in .env or the environment"
            " (see .env.example)"
        )
    if settings.update_mode == "webhook" and (
        settings.webhook_public_url is None or settings.webhook_secret is None
    ):
        raise StartUpError(
            "configuration error: webhook mode needs WEBHOOK_PUBLIC_URL and WEBHOOK_SECRET"
            " (see .env.example)"
        )
    return asyncio.run(run_command(settings))


def _directory_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", nargs="?", type=Path, help="default: DATA_DIR")


def _backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="a file, or a folder for a time-stamped file")


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", help="what to export; --list shows the names")
    parser.add_argument("--out", type=Path, help="a file (UTF-8 for Excel); default: stdout")
    parser.add_argument("--list", action="store_true", help="list the exports and exit")
    parser.add_argument(
        "--with-ids", action="store_true", help="include Telegram ids (left out by default)"
    )


def _export(args: argparse.Namespace, settings: Settings) -> int:
    if args.list:
        return list_exports()
    return asyncio.run(export_command(settings, args.name, args.out, with_ids=args.with_ids))


def _import_schedule_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="schedule.json (1.x or 2) or schedule.xml")
    parser.add_argument("--out", type=Path, required=True, help="the data folder to write")
    parser.add_argument(
        "--tz", help="the IANA zone of the times (default: the export's, else from its offsets)"
    )


SUB_COMMANDS: dict[str, SubCommand] = {
    "run": SubCommand(
        "start the bot (long polling unless told otherwise)",
        _run,
        _run_arguments,
        "python -m bot run --webhook",
    ),
    "check": SubCommand(
        "validate the data files",
        lambda args, settings: check_command(args.directory or settings.data_dir),
        _directory_argument,
        "python -m bot check data/",
    ),
    "load": SubCommand(
        "import the data files into the store",
        lambda args, settings: asyncio.run(
            load_command(settings, args.directory or settings.data_dir)
        ),
        _directory_argument,
        "python -m bot load data/",
    ),
    "backup": SubCommand(
        "copy the store consistently, even while it runs",
        lambda args, settings: asyncio.run(backup_command(settings, args.path)),
        _backup_arguments,
        "python -m bot backup /var/backups/event-desk/",
    ),
    "export": SubCommand(
        "write a CSV for the press office",
        _export,
        _export_arguments,
        "python -m bot export press-requests --out requests.csv",
    ),
    "import-schedule": SubCommand(
        "turn a frab/pretalx/c3voc schedule export (JSON or XML) into data files",
        lambda args, settings: import_schedule_command(args.file, args.out, args.tz),
        _import_schedule_arguments,
        "python -m bot import-schedule schedule.json --out newmeeting/ --tz Europe/Berlin",
    ),
    "export-site": SubCommand(
        "write the public web edition as a static folder",
        lambda args, settings: asyncio.run(public.export_site(settings, args.directory)),
        public.export_site_arguments,
        "python -m bot export-site /srv/www/meeting",
    ),
    "programme-pdf": SubCommand(
        "write the printable programme (A4 PDF per language)",
        lambda args, settings: asyncio.run(public.programme_pdf(settings, args.out, args.lang)),
        public.programme_pdf_arguments,
        "python -m bot programme-pdf --out press-kit/ --lang ru",
    ),
    "purge": SubCommand(
        "erase everyone's personal data but the organisers' (retention)",
        lambda args, settings: asyncio.run(purge_command(settings, dry_run=args.dry_run)),
        purge_arguments,
        "python -m bot purge --dry-run",
    ),
}


async def open_store(path: Path) -> Store:
    """The store, or one line naming the file and what is wrong with it."""
    try:
        return await Store.open(path)
    except (OSError, sqlite3.Error) as error:
        raise StartUpError(f"cannot open the store at {path}: {error}") from error


def check_command(directory: Path) -> int:
    try:
        content = load_content(directory)
        load_survey(directory)  # data/survey.yaml, read by the feedback feature
        print(describe_practical(load_practical(directory)))
        print(describe_notice(load_notice(directory)))  # data/privacy.yaml: required
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in {directory}", file=sys.stderr)
        return 1
    print(describe_content(content, directory))
    return 0


async def load_command(settings: Settings, directory: Path) -> int:
    store = await open_store(settings.database_path)
    try:
        report = await ContentService(store, SystemClock()).load(directory)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("nothing was loaded", file=sys.stderr)
        return 1
    finally:
        await store.close()
    print(describe_load(report, directory, settings.database_path))
    return 0


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
    if target != path:  # a folder's series: the old ones go (personal data is not kept for ever)
        keep = dt.timedelta(days=settings.backup_keep_days)
        for old in prune_backups(path, dt.datetime.now(), keep):
            print(f"deleted {old.name}: older than BACKUP_KEEP_DAYS={settings.backup_keep_days}")
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


async def export_command(
    settings: Settings, name: str, out: Path | None, *, with_ids: bool = False
) -> int:
    export = EXPORTS.get(name)
    if export is None:
        known = ", ".join(EXPORTS)
        print(f"unknown export {name!r}; known: {known}", file=sys.stderr)
        return 1
    store = await open_store(settings.database_path)
    try:
        with _output(out) as handle:
            count = await write_csv(export, store, handle, with_ids=with_ids)
        who = command_line_actor()
        await record_export(store, export, count, with_ids, who, SystemClock().now())
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

    await reach_bot_api(settings)
    # Stopping while MAX_CONCURRENT_UPDATES are busy leaves aiogram holding the next update
    # as a coroutine it never starts. That update is not lost (it was not confirmed, so
    # Telegram sends it again after the restart); the warning would only alarm operators.
    warnings.filterwarnings(
        "ignore",
        message="coroutine 'Dispatcher._process_update' was never awaited",
        category=RuntimeWarning,
    )
    try:
        app = await App.create(settings)
    except (OSError, sqlite3.Error) as error:  # the store is the one thing it opens
        raise StartUpError(f"cannot open the store at {settings.database_path}: {error}") from error
    async with app:
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


async def reach_bot_api(settings: Settings) -> None:
    """One getMe before anything starts, so a wrong TELEGRAM_API_URL or BOT_TOKEN is one
    line and exit 2, not a traceback. Only this first contact is final: once running,
    aiogram's polling retries network errors with a back-off."""
    from aiogram import exceptions as telegram

    from bot.wiring import build_bot

    url = settings.telegram_api_url
    bot = build_bot(settings)
    try:
        await bot.get_me(request_timeout=API_CHECK_SECONDS)
    except telegram.TelegramUnauthorizedError as error:
        message = f"the Telegram Bot API at {url} refused it ({error.message})"
        raise StartUpError(f"configuration error: BOT_TOKEN is invalid: {message}") from error
    except telegram.ClientDecodeError as error:  # some other server, or a proxy's empty answer
        reason = "it answered, but not with the Bot API's JSON"
        raise StartUpError(f"cannot reach the Telegram Bot API at {url}: {reason}") from error
    except (
        telegram.TelegramNetworkError,
        telegram.TelegramServerError,
        telegram.TelegramNotFound,
    ) as error:
        reason = " ".join(error.message.split())[:300]
        raise StartUpError(f"cannot reach the Telegram Bot API at {url}: {reason}") from error
    finally:
        await bot.session.close()


if __name__ == "__main__":
    sys.exit(main())
