"""Minimisation in organisers' exports: Telegram ids only when asked for, and every
export of personal data recorded in the audit log (who, what, when); the access rules
of the export service stay (organisers only)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from bot.__main__ import export_command, main
from bot.config import Settings
from bot.stats.exports import ExportService
from bot.store.holder import Store
from bot.users.access import NotAllowedError
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import TOKEN, local

ORGANISER = User(id=900001, first_name="Maral", language="en", role=Role.ORGANISER)


async def test_an_export_leaves_ids_out_unless_asked_and_is_recorded(
    store: Store, clock: ManualClock
) -> None:
    await store.users.touch(7501, "Aina", "aina", "ru", local(5, 9))
    exports = ExportService(store, clock)
    out = io.StringIO()
    assert await exports.write(ORGANISER, "users", out) == 1
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert "telegram_id" not in header
    assert "7501" not in row
    out = io.StringIO()
    assert await exports.write(ORGANISER, "users", out, with_ids=True) == 1
    assert list(csv.reader(io.StringIO(out.getvalue())))[1][0] == "7501"
    assert await exports.write(ORGANISER, "feedback", io.StringIO()) == 0  # anonymous

    log = await store.privacy.log_entries()
    assert [(e["actor_id"], e["actor_name"], e["action"], e["detail"]) for e in log] == [
        (900001, "Maral", "export", "users: 1 row(s), without Telegram ids"),
        (900001, "Maral", "export", "users: 1 row(s), with Telegram ids"),
    ]
    assert log[0]["at"] == "2025-09-05T04:00:00+00:00"
    guest = User(id=7501, first_name="Aina", language="ru", role=Role.GUEST)
    with pytest.raises(NotAllowedError):
        await exports.write(guest, "users", io.StringIO())


async def test_the_command_line_export_is_recorded_too(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        database_path=tmp_path / "bot.sqlite3",
    )
    out = tmp_path / "accreditations.csv"
    assert await export_command(settings, "accreditations", out) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("application,full_name,")
    store = await Store.open(settings.database_path)
    try:
        [entry] = await store.privacy.log_entries()
    finally:
        await store.close()
    assert entry["action"] == "export"
    assert entry["actor_name"].startswith("command line (")
    assert entry["detail"] == "accreditations: 0 row(s), without Telegram ids"


def test_old_backups_in_a_folder_are_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An erased person stays in the backups made before for BACKUP_KEEP_DAYS at most."""
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "bot.sqlite3"))
    monkeypatch.setenv("BACKUP_KEEP_DAYS", "30")
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "event-desk-20200101-000000.sqlite3"
    old.write_bytes(b"old")
    other = folder / "notes.txt"
    other.write_text("kept")
    assert main(["export", "feedback", "--out", str(tmp_path / "feedback.csv")]) == 0  # a store
    assert main(["backup", str(folder)]) == 0
    assert "deleted event-desk-20200101-000000.sqlite3" in capsys.readouterr().out
    assert not old.exists()
    assert other.exists()
    assert len(list(folder.glob("event-desk-*.sqlite3"))) == 1  # today's
