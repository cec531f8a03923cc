"""`python -m bot check|load|run`: what an organiser sees on the command line."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.__main__ import StartUpError, main
from bot.commands import reach_bot_api
from bot.config import Settings
from tests.conftest import DATA_DIR, ROOT, TOKEN
from tests.fake_bot_api import FakeBotAPI


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


def run_bot(environment: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m bot`` in a clean environment: only what the test sets."""
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), **environment}
    return subprocess.run(
        [sys.executable, "-m", "bot", *(args or ("run",))],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def one_line_and_status_2(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


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
    line = one_line_and_status_2(run_bot(environment, tmp_path))
    assert line.startswith(f"configuration error: {message}")


def test_a_database_path_under_a_regular_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    path = tmp_path / "notes.txt" / "bot.sqlite3"
    result = run_bot({"BOT_TOKEN": TOKEN, "DATABASE_PATH": str(path)}, tmp_path)
    line = one_line_and_status_2(result)
    assert line.startswith("configuration error: DATABASE_PATH is invalid:")
    assert f"{tmp_path / 'notes.txt'} is a file, not a folder" in line


def test_a_database_path_naming_a_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    result = run_bot({"BOT_TOKEN": TOKEN, "DATABASE_PATH": str(tmp_path / "store")}, tmp_path)
    line = one_line_and_status_2(result)
    assert line.startswith("configuration error: DATABASE_PATH is invalid:")
    assert f"{tmp_path / 'store'} is a folder" in line


def test_a_store_file_that_is_not_a_database_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    path.write_text("this is not SQLite", encoding="utf-8")
    line = one_line_and_status_2(run_bot({"DATABASE_PATH": str(path)}, tmp_path, "load"))
    assert line == f"cannot open the store at {path}: file is not a database"
    assert path.read_text(encoding="utf-8") == "this is not SQLite", "the file is left alone"


def test_a_bot_api_with_nothing_listening_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    line = one_line_and_status_2(run_bot({"BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": url}, tmp_path))
    assert line.startswith(f"cannot reach the Telegram Bot API at {url}: ")
    assert "Cannot connect to host" in line
    assert not (tmp_path / "var").exists(), "the store is not even created"


async def test_a_token_the_bot_api_refuses_is_one_line(
    fake: FakeBotAPI, settings: Settings
) -> None:
    wrong = settings.model_copy(update={"bot_token": SecretStr("42:" + "x" * 30)})
    expected = f"configuration error: BOT_TOKEN is invalid: the Telegram Bot API at {fake.url}"
    with pytest.raises(StartUpError, match=re.escape(expected) + r" refused it \(Unauthorized\)$"):
        await reach_bot_api(wrong)
    fake.unexpected.clear()  # the fake flags a foreign token; here it is the point
    await reach_bot_api(settings)  # the right token: the bot may start
    assert [call.status for call in fake.calls_to("getMe")] == [401, 200]


def test_an_empty_token_line_from_env_example_still_lets_check_and_load_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BOT_TOKEN", "")
    assert main(["check", str(DATA_DIR)]) == 0
    assert main(["load", str(DATA_DIR)]) == 0
    assert main(["run"]) == 2
    assert "BOT_TOKEN is not set" in capsys.readouterr().err
