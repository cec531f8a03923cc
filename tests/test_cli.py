"""`python -m bot check|load|run`: what an organiser sees on the command line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.__main__ import main
from tests.conftest import DATA_DIR, ROOT, TOKEN


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No developer's .env or exported variables leak into these tests."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith(("BOT_", "TELEGRAM_", "DATABASE_", "DATA_", "ORGANISER_", "EVENT_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.sqlite3"))


def test_check_prints_a_digest(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(DATA_DIR)]) == 0
    out = capsys.readouterr().out
    assert "OK" in out
    assert "2 days, 6 sessions, 11 delegations (9 national societies)" in out


def test_check_reports_each_problem_with_file_line_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "data"
    shutil.copytree(DATA_DIR, broken)
    programme = broken / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    text = re.sub(r'^(\s+)start: "10:00"', r'\1start: "25:00"', text, count=1, flags=re.M)
    programme.write_text(text, encoding="utf-8")
    assert main(["check", str(broken)]) == 1
    err = capsys.readouterr().err
    first = err.splitlines()[0]
    assert first.startswith("programme.yaml:")
    assert "days.0.sessions.0.start" in first
    assert "25:00" in first


def test_load_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["load", str(DATA_DIR)]) == 0
    first = capsys.readouterr().out
    assert "sessions: 6 added" in first
    assert main(["load", str(DATA_DIR)]) == 0
    assert "already up to date, nothing changed" in capsys.readouterr().out


def test_load_of_bad_data_loads_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "data"
    shutil.copytree(DATA_DIR, broken)
    (broken / "people.yaml").write_text("people: [", encoding="utf-8")
    assert main(["load", str(broken)]) == 1
    assert "nothing was loaded" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({}, "BOT_TOKEN is not set"),
        ({"BOT_TOKEN": "not-a-token"}, "BOT_TOKEN is invalid"),
        ({"BOT_TOKEN": TOKEN, "EVENT_TIMEZONE": "Mars/Olympus"}, "EVENT_TIMEZONE is invalid"),
        ({"BOT_TOKEN": TOKEN, "ORGANISER_IDS": "12,abc"}, "ORGANISER_IDS is invalid"),
        ({"BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": "ftp://x"}, "TELEGRAM_API_URL is invalid"),
    ],
)
def test_bad_settings_stop_run_with_one_line_and_status_2(
    environment: dict[str, str], message: str, tmp_path: Path
) -> None:
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), **environment}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"configuration error: {message}")
    assert "Traceback" not in result.stderr


def test_an_empty_token_line_from_env_example_still_lets_check_and_load_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOT_TOKEN", "")
    assert main(["check", str(DATA_DIR)]) == 0
    assert main(["load", str(DATA_DIR)]) == 0
    assert main(["run"]) == 2
    assert "BOT_TOKEN is not set" in capsys.readouterr().err
