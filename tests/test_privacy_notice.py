"""The privacy notice: data/privacy.yaml is required by `check`, every section in ru and
en, and /privacy, the greeting and the notice renderer show it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.__main__ import check_command
from bot.app import App
from bot.privacy.notice import load_notice, notice_html, notice_sections
from tests.clock import ManualClock
from tests.conftest import DATA_DIR
from tests.fake_bot_api import FakeBotAPI
from tests.hall_kit import say
from tests.test_web_auth import fetch, signed


def test_the_notice_names_the_organiser_and_marks_the_contact_illustrative() -> None:
    notice = load_notice(DATA_DIR)
    assert "Red Crescent Society of Turkmenistan" in notice.controller.points[0].en
    assert "Красного Полумесяца Туркменистана" in notice.controller.points[0].ru
    assert notice.contact.illustrative
    sections = notice_sections(notice, "en", 45)
    assert [title for title, _points in sections] == [
        "Who controls the data",
        "How to reach us",
        "Why we keep data",
        "What we keep",
        "For how long",
        "Your rights",
    ]
    assert sections[4][1][0].startswith("45 day(s) after the meeting's last day")
    assert "45 дн. после последнего дня встречи" in notice_html(notice, "ru", 45)


def test_check_refuses_data_without_a_notice_or_with_a_section_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    assert check_command(data) == 0
    assert "privacy.yaml: OK — privacy notice, 6 sections" in capsys.readouterr().out
    notice = data / "privacy.yaml"
    text = notice.read_text(encoding="utf-8")
    notice.write_text(text.replace("  rights:", "  wrongs:"), encoding="utf-8")
    assert check_command(data) == 1
    errors = capsys.readouterr().err
    assert "privacy.yaml" in errors
    assert "privacy.rights: missing" in errors
    assert "privacy.wrongs: unknown field (typo?)" in errors
    notice.unlink()
    assert check_command(data) == 1
    assert "privacy.yaml: missing: the privacy notice is required" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("language", "title", "line"),
    [
        ("ru", "Как бот обращается с вашими данными", "🔒 Как бот обращается с вашими данными"),
        ("en", "How the bot handles your data", "🔒 How the bot handles your data: /privacy"),
    ],
)
async def test_privacy_command_and_the_first_message(
    fake: FakeBotAPI, app: App, language: str, title: str, line: str
) -> None:
    user = fake.user(7301, language_code=language)
    greeting = await say(user, "/start")
    assert greeting["text"].splitlines()[-1].startswith(line)
    notice = await say(user, "/privacy")
    assert notice["text"].startswith(title)
    assert "/mydata" in notice["text"]
    assert "privacy@example.org" in notice["text"]


@pytest.mark.parametrize(
    ("language", "heading", "sent"),
    [
        ("ru", "Кто отвечает за данные", "Отправлено в ваш чат с ботом. Записей: "),
        ("en", "Who controls the data", "Sent to your chat with the bot. Records: "),
    ],
)
async def test_the_mini_app_shows_the_notice_and_sends_the_copy(
    web: tuple[App, str],
    clock: ManualClock,
    fake: FakeBotAPI,
    language: str,
    heading: str,
    sent: str,
) -> None:
    _, base = web
    user = fake.user(7311, language_code=language)
    await say(user, "/start")
    status, body, _ = await fetch(base, "/app/privacy", signed(7311, clock, language=language))
    assert status == 200
    assert heading in body
    assert "privacy@example.org" in body
    status, body, _ = await fetch(
        base, "/app/privacy/copy", signed(7311, clock, language=language), method="POST"
    )
    assert status == 200
    assert sent in body
    summary = await user.receive()
    assert summary["text"].startswith(("Что бот хранит о вас", "What the bot keeps about you"))
    document = await user.receive()
    assert document["document"]["file_name"] == "my-data.json"
    status, _, _ = await fetch(base, "/app/privacy/copy", method="POST")
    assert status in (401, 403)  # unsigned: nobody's copy
