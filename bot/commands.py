"""What each ``python -m bot`` sub-command does; ``bot/__main__.py`` parses the line and
calls these. Each prints its one-line outcome and returns the exit status."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.content import ContentError, load_content
from bot.content.importers import ScheduleImportError, import_schedule
from bot.content.service import ContentService, describe_content, describe_load
from bot.feedback.survey import load_survey
from bot.privacy.notice import describe_notice, load_notice
from bot.stats.exports import EXPORTS, command_line_actor, record_export, write_csv
from bot.store.backup import BackupError, backup, backup_target, prune_backups
from bot.store.holder import Store
from bot.time.clock import SystemClock
from bot.venue.loader import describe_practical, load_practical

API_CHECK_SECONDS = 15
"""How long the start-up getMe may take before the Bot API counts as unreachable."""


class StartUpError(Exception):
    """A setting that is well formed but does not work here (the store cannot be opened,
    the Bot API cannot be reached): one line for the operator, exit status 2."""


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
