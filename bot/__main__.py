"""Command line: python -m bot [run|check|load|backup|export|import-schedule|export-site|
programme-pdf|purge] ..."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from bot.commands import (
    StartUpError,
    backup_command,
    check_command,
    export_command,
    import_schedule_command,
    list_exports,
    load_command,
    run_command,
)
from bot.config import Settings, describe_error
from bot.privacy.cli import purge_arguments, purge_command
from bot.web.public import commands as public

CONFIG_ERROR = 2


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


if __name__ == "__main__":
    sys.exit(main())
