"""data/practical.yaml: what it holds, how its problems read, how the bot picks up edits."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.content import ContentError
from bot.store.holder import Store
from bot.venue.loader import PRACTICAL_FILE, load_practical
from bot.venue.service import VenueService
from tests.conftest import DATA_DIR


def test_everything_the_source_does_not_give_is_marked_illustrative() -> None:
    practical = load_practical(DATA_DIR)
    assert practical is not None
    assert practical.venue.name.ru == "Отель «Арчабиль»"  # the one fact: the article's
    blocks = [
        practical.venue,
        *practical.halls,
        practical.hotel,
        *practical.transport,
        practical.wifi,
        practical.help_desk,
        *practical.emergency,
    ]
    assert all(block is not None and block.illustrative for block in blocks)


def test_a_folder_without_the_file_has_no_practical_information(tmp_path: Path) -> None:
    assert load_practical(tmp_path) is None


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (DATA_DIR / PRACTICAL_FILE).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / PRACTICAL_FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "latitude: 37.8868",
            "latitude: 137.8868",
            "practical.yaml:42: venue.location.latitude: out of range: "
            "less than or equal to 90, got 137.8868",
        ),
        (
            "longitude: 58.3630",
            "longitude: east",
            "practical.yaml:42: venue.location.longitude: expected a number of degrees, got 'east'",
        ),
        (
            'phone: "03"',
            "phone: 03",
            "practical.yaml:101: emergency.0.phone: expected text, got 3; put it in quotes",
        ),
        (
            "  network: Archabil-Conference",
            "  netwrk: Archabil-Conference",
            "practical.yaml:80: wifi.network: missing\n"
            "practical.yaml:81: wifi.netwrk: unknown field (typo?)",
        ),
        (
            "\n  - id: conference-hall",
            "\n  - id: Conference Hall",
            "practical.yaml:46: halls.0.id: an id must be 1 to 32 lowercase latin letters, "
            "digits or dashes, starting with a letter or digit; got 'Conference Hall'",
        ),
        (
            "    name: {ru: Конференц-зал, en: Conference hall}",
            "    name: {ru: Конференц-зал}",
            "practical.yaml:47: halls.0.name.en: missing",
        ),
        (
            "venue:\n  name:",
            "venue:\n\tname:",
            "practical.yaml:37: YAML syntax error: found character '\\t' that cannot start "
            "any token",
        ),
    ],
)
def test_each_problem_names_the_file_line_and_field(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    with pytest.raises(ContentError) as raised:
        load_practical(broken(tmp_path, old, new))
    assert [str(problem) for problem in raised.value.problems] == expected.split("\n")


def test_a_second_hall_with_the_same_id_or_room_is_reported(tmp_path: Path) -> None:
    text = (DATA_DIR / PRACTICAL_FILE).read_text(encoding="utf-8")
    hall = text[text.index("\n  - id: conference-hall") : text.index("\n\nhotel:")]
    (tmp_path / PRACTICAL_FILE).write_text(text.replace(hall, hall + hall), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_practical(tmp_path)
    assert [str(problem) for problem in raised.value.problems] == [
        "practical.yaml:55: halls.1.id: duplicate hall id 'conference-hall' "
        "(first used at halls.0)",
        "practical.yaml:57: halls.1.programme_room: room 'конференц-зал отеля «арчабиль»' "
        "is already the room of halls.0",
    ]


async def test_an_edit_is_picked_up_and_a_broken_file_keeps_the_last_good(
    tmp_path: Path, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    shutil.copy(DATA_DIR / PRACTICAL_FILE, tmp_path / PRACTICAL_FILE)
    venue = VenueService(store, tmp_path)
    first = await venue.practical()
    assert first is not None
    assert await venue.practical() is first, "an unchanged file is not read again"
    path = tmp_path / PRACTICAL_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("Ambulance", "Ambulance 24/7"))
    edited = await venue.practical()
    assert edited is not None
    assert edited.emergency[0].name.en == "Ambulance 24/7"
    path.write_text("venue: [", encoding="utf-8")
    os.utime(path, ns=(1, 1))
    with caplog.at_level(logging.WARNING):
        assert await venue.practical() is edited
    assert "practical.yaml is not used until fixed" in caplog.text
    assert "practical.yaml:1: YAML syntax error" in caplog.text
    path.unlink()
    assert await venue.practical() is None


def test_check_includes_the_practical_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.sqlite3"))
    assert main(["check", str(DATA_DIR)]) == 0
    out = capsys.readouterr().out
    assert "practical.yaml: OK — Archabil Hotel, 1 hall(s)" in out
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    broken(data, "latitude: 37.8868", "latitude: 137.8868")
    assert main(["check", str(data)]) == 1
    assert capsys.readouterr().err.startswith("practical.yaml:42: venue.location.latitude")
