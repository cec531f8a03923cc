"""The data files: the real ``data/`` loads as the meeting, and broken copies say where.

Every bad case copies ``data/`` to a temporary directory and edits the text the way an
organiser would, so the tests exercise the same files the bot ships with.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import FrozenInstanceError, dataclass
from pathlib import Path

import pytest

from bot.content import (
    Attendance,
    Content,
    ContentError,
    DelegationKind,
    Problem,
    load_content,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
ARTICLE = Path("/work/shared/seed/meeting-article.ru.txt")


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(DATA)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of ``data/`` that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _outside_comments(text: str, needle: str) -> list[int]:
    """Offsets of ``needle`` in ``text``, leaving out the files' commented examples."""
    offsets = []
    start = text.find(needle)
    while start != -1:
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].lstrip().startswith("#"):
            offsets.append(start)
        start = text.find(needle, start + 1)
    return offsets


def edit(path: Path, old: str, new: str) -> None:
    """Replace the single occurrence of ``old``, so a test never edits the wrong place."""
    text = path.read_text(encoding="utf-8")
    offsets = _outside_comments(text, old)
    assert len(offsets) == 1, f"{old!r} occurs {len(offsets)} times in {path.name}"
    [at] = offsets
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def nth_line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line of the ``nth`` occurrence of ``needle`` outside comments."""
    text = path.read_text(encoding="utf-8")
    return text[: _outside_comments(text, needle)[nth - 1]].count("\n") + 1


def line_of(path: Path, needle: str) -> int:
    """1-based line of the single occurrence of ``needle`` outside comments."""
    text = path.read_text(encoding="utf-8")
    count = len(_outside_comments(text, needle))
    assert count == 1, f"{needle!r} occurs {count} times in {path.name}"
    return nth_line_of(path, needle)


def problems_in(directory: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load_content(directory)
    return caught.value.problems


# --- the real data -------------------------------------------------------------------------


def test_event(content: Content) -> None:
    event = content.event
    assert event.timezone == "Asia/Ashgabat"
    assert event.timezone_name.en == "Ashgabat time"
    assert (event.starts_on, event.ends_on) == (dt.date(2025, 9, 5), dt.date(2025, 9, 6))
    assert "Арчабиль" in event.venue.ru
    assert event.motto.ru == "Международный год мира и доверия – гуманизм и нейтралитет"
    assert [contact.illustrative for contact in event.press_contacts] == [True]


def test_programme_has_two_days_of_illustrative_sessions(content: Content) -> None:
    days = content.programme.days
    assert [day.date for day in days] == [dt.date(2025, 9, 5), dt.date(2025, 9, 6)]
    assert [s.id for s in days[0].sessions] == [
        "d1-opening",
        "d1-welcome",
        "d1-discussion",
        "d1-presentations",
    ]
    assert [s.id for s in days[1].sessions] == ["d2-income", "d2-volunteers"]
    # The article gives no times, so every time is a marked guess.
    assert all(s.times_illustrative for day in days for s in day.sessions)
    sessions = {s.id: s for day in days for s in day.sessions}
    assert sessions["d1-opening"].speakers == ["maral-achilova"]
    assert sessions["d1-welcome"].speakers == ["kate-forbes", "biljana-milosevic"]


def test_delegations(content: Content) -> None:
    national = [d for d in content.delegations if d.kind is DelegationKind.NATIONAL_SOCIETY]
    members = [d for d in national if not d.observer]
    assert len(members) == 8
    assert [d.id for d in members if d.attendance is Attendance.ONLINE] == ["kazakhstan"]
    assert [d.id for d in national if d.observer] == ["qatar"]
    international = [d for d in content.delegations if d.kind is DelegationKind.INTERNATIONAL]
    assert [d.id for d in international] == ["ifrc", "icrc"]
    heads = {d.id: d.head for d in content.delegations if d.head}
    assert heads == {
        "turkmenistan": "maral-achilova",
        "ifrc": "kate-forbes",
        "icrc": "biljana-milosevic",
    }


def test_people_are_exactly_those_the_article_names(content: Content) -> None:
    people = {p.id: p for p in content.people}
    assert set(people) == {"maral-achilova", "kate-forbes", "biljana-milosevic", "shaban-shaev"}
    assert people["kate-forbes"].attendance is Attendance.ONLINE
    assert people["shaban-shaev"].delegation == "azerbaijan"
    assert people["biljana-milosevic"].name.en == "Biljana Milošević"


def test_quotes_are_verbatim(content: Content) -> None:
    assert [(q.id, q.speaker) for q in content.quotes] == [
        ("achilova-opening", "maral-achilova"),
        ("shaev-interview", "shaban-shaev"),
    ]
    assert all(q.said_on == dt.date(2025, 9, 5) for q in content.quotes)
    if not ARTICLE.exists():
        pytest.skip("the source article is not in this checkout")
    article = " ".join(ARTICLE.read_text(encoding="utf-8").split())
    for quote in content.quotes:
        assert quote.text.ru in article


def test_press(content: Content) -> None:
    assert [s.day for s in content.summaries] == [dt.date(2025, 9, 5)]
    assert "Ачилова" in content.summaries[0].body.ru
    assert "Achilova" in content.summaries[0].body.en
    [release] = content.press_releases
    assert release.published_at == dt.datetime(2025, 9, 5, 18, 0)


def test_loading_is_repeatable(content: Content) -> None:
    assert load_content(DATA) == content


# --- problems --------------------------------------------------------------------------------


def test_problem_text() -> None:
    located = Problem("programme.yaml", 12, "days.1.sessions.0.start", "bad")
    assert str(located) == "programme.yaml:12: days.1.sessions.0.start: bad"
    assert str(Problem("people.yaml", None, "", "file is missing")) == (
        "people.yaml: file is missing"
    )
    with pytest.raises(FrozenInstanceError):
        located.line = 3  # type: ignore[misc]


@dataclass(frozen=True)
class Case:
    """One organiser's mistake and the single problem it must produce."""

    file: str
    old: str
    new: str
    path: str
    message: str  # a regular expression matched against the whole message
    line_at: str | None  # text on the expected line (after the edit); None: no line
    nth: int = 1  # which occurrence of ``line_at``: a duplicate is reported where it repeats
    reported_in: str | None = None  # the file the problem is in, when not the edited one

    @property
    def problem_file(self) -> str:
        return self.reported_in or self.file


CASES = {
    "yaml syntax error": Case(
        "programme.yaml",
        "ru: Открытие встречи",
        "ru: Открытие: встреча",
        "",
        r"YAML syntax error: mapping values are not allowed here",
        "ru: Открытие: встреча",
    ),
    "unknown field": Case(
        "delegations.yaml",
        "    attendance: online",
        "    atendance: online",
        "delegations.1.atendance",
        r"unknown field \(typo\?\)",
        "atendance: online",
    ),
    "missing required field": Case(
        "delegations.yaml",
        "  - id: kyrgyzstan\n    kind: national_society\n",
        "  - id: kyrgyzstan\n",
        "delegations.2.kind",
        r"missing",
        "id: kyrgyzstan",
    ),
    "bad time format": Case(
        "programme.yaml",
        'start: "14:30"',
        "start: '9.30'",
        "days.0.sessions.3.start",
        r"expected a time as HH:MM, got '9\.30'",
        "start: '9.30'",
    ),
    "time written as a number": Case(
        "programme.yaml",
        'start: "14:30"',
        "start: 9.30",
        "days.0.sessions.3.start",
        r"expected a time as HH:MM, got the number 9\.3",
        "start: 9.30",
    ),
    "end before start": Case(
        "programme.yaml",
        'end: "17:30"',
        'end: "14:00"',
        "days.0.sessions.3.end",
        r"ends at 14:00, not after its start 14:30",
        'end: "14:00"',
    ),
    "overlapping sessions": Case(
        "programme.yaml",
        'start: "10:30"',
        'start: "10:15"',
        "days.0.sessions.1.start",
        r"starts at 10:15, overlapping 'd1-opening' \(10:00–10:30\)",
        'start: "10:15"',
    ),
    "sessions out of order": Case(
        "programme.yaml",
        'start: "14:30"\n        end: "17:30"',
        'start: "08:00"\n        end: "09:00"',
        "days.0.sessions.3.start",
        r"listed out of time order: .*'d1-discussion'.*",
        'start: "08:00"',
    ),
    "unknown speaker": Case(
        "programme.yaml",
        "speakers: [kate-forbes, biljana-milosevic]",
        "speakers: [kate-forbs, biljana-milosevic]",
        "days.0.sessions.1.speakers.0",
        r"unknown person 'kate-forbs' \(no such id in people\.yaml\)",
        "kate-forbs",
    ),
    "duplicate session id": Case(
        "programme.yaml",
        "id: d1-welcome",
        "id: d1-opening",
        "days.0.sessions.1.id",
        r"duplicate session id 'd1-opening' \(first used at days\.0\.sessions\.0, line \d+\)",
        "id: d1-opening",
        nth=2,
    ),
    "duplicate delegation id": Case(
        "delegations.yaml",
        "id: kyrgyzstan",
        "id: kazakhstan",
        "delegations.2.id",
        r"duplicate delegation id 'kazakhstan' .*",
        "id: kazakhstan",
        nth=2,
    ),
    "duplicate quote id": Case(
        "press.yaml",
        "id: shaev-interview",
        "id: achilova-opening",
        "quotes.1.id",
        r"duplicate quote id 'achilova-opening' .*",
        "id: achilova-opening",
        nth=2,
    ),
    "day outside the event dates": Case(
        "programme.yaml",
        "date: 2025-09-06",
        "date: 2025-09-08",
        "days.1.date",
        r"2025-09-08 is outside the event dates \(2025-09-05 to 2025-09-06 in event\.yaml\)",
        "date: 2025-09-08",
    ),
    "unknown time zone": Case(
        "event.yaml",
        "timezone: Asia/Ashgabat",
        "timezone: Asia/Ashgabad",
        "timezone",
        r"unknown time zone 'Asia/Ashgabad'",
        "timezone: Asia/Ashgabad",
    ),
    "head outside the delegation": Case(
        "people.yaml",
        "delegation: turkmenistan",
        "delegation: kyrgyzstan",
        "delegations.3.head",
        r"head 'maral-achilova' is not a member of this delegation .*'kyrgyzstan'.*",
        "head: maral-achilova",
        reported_in="delegations.yaml",
    ),
    "unknown delegation": Case(
        "people.yaml",
        "delegation: azerbaijan",
        "delegation: azerbaidjan",
        "people.3.delegation",
        r"unknown delegation 'azerbaidjan' .*",
        "delegation: azerbaidjan",
    ),
    "unknown quote speaker": Case(
        "press.yaml",
        "speaker: shaban-shaev",
        "speaker: shaban-shayev",
        "quotes.1.speaker",
        r"unknown person 'shaban-shayev' .*",
        "speaker: shaban-shayev",
    ),
    "summary of a day not in the programme": Case(
        "press.yaml",
        "  - day: 2025-09-05",
        "  - day: 2025-09-07",
        "summaries.0.day",
        r"2025-09-07 is not a day of the programme .*",
        "day: 2025-09-07",
    ),
    "bad id": Case(
        "programme.yaml",
        "id: d1-discussion",
        "id: D1 Discussion",
        "days.0.sessions.2.id",
        r"an id must be .*lowercase latin .*; got 'D1 Discussion'",
        "id: D1 Discussion",
    ),
    "bad date": Case(
        "event.yaml",
        "starts_on: 2025-09-05",
        "starts_on: 5.9.2025",
        "starts_on",
        r"expected a date as YYYY-MM-DD, got '5\.9\.2025'",
        "starts_on: 5.9.2025",
    ),
    "bad choice": Case(
        "delegations.yaml",
        "    attendance: online",
        "    attendance: remote",
        "delegations.1.attendance",
        r"expected 'in_person' or 'online', got 'remote'",
        "attendance: remote",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_is_located(data: Path, name: str) -> None:
    case = CASES[name]
    edit(data / case.file, case.old, case.new)
    problems = problems_in(data)
    assert len(problems) == 1, "\n".join(map(str, problems))
    [problem] = problems
    file = case.problem_file
    line = nth_line_of(data / file, case.line_at, case.nth) if case.line_at else None
    assert (problem.file, problem.path, problem.line) == (file, case.path, line)
    assert re.fullmatch(case.message, problem.message), problem.message
    assert "pydantic" not in str(problem)


def test_tab_indentation_gets_a_hint(data: Path) -> None:
    edit(data / "people.yaml", "    attendance: online", "\tattendance: online")
    [problem] = problems_in(data)
    assert (problem.file, problem.line) == ("people.yaml", line_of(data / "people.yaml", "\tatt"))
    assert problem.message.endswith("; indent with spaces, not tabs")


def test_missing_file(data: Path) -> None:
    (data / "people.yaml").unlink()
    assert problems_in(data) == [Problem("people.yaml", None, "", "file is missing")]


def test_press_file_is_optional(data: Path) -> None:
    (data / "press.yaml").unlink()
    content = load_content(data)
    assert (content.quotes, content.summaries, content.press_releases) == ([], [], [])


def test_missing_directory(tmp_path: Path) -> None:
    [problem] = problems_in(tmp_path / "nowhere")
    assert problem.message == "is not a directory"


def test_top_level_must_be_a_mapping(data: Path) -> None:
    (data / "delegations.yaml").write_text("- id: azerbaijan\n", encoding="utf-8")
    [problem] = problems_in(data)
    assert (problem.file, problem.line, problem.path) == ("delegations.yaml", 1, "")
    assert problem.message == "expected 'delegations:' at the top of the file, got a list"


def test_empty_file(data: Path) -> None:
    (data / "event.yaml").write_text("# nothing yet\n", encoding="utf-8")
    [problem] = problems_in(data)
    assert (problem.file, problem.path) == ("event.yaml", "")
    assert problem.message.startswith("file is empty")


def test_unknown_section_of_a_list_file(data: Path) -> None:
    edit(data / "people.yaml", "\npeople:\n", "\npersons: []\npeople:\n")
    [problem] = problems_in(data)
    assert (problem.file, problem.path) == ("people.yaml", "persons")
    assert problem.line == line_of(data / "people.yaml", "persons:")
    assert problem.message == "unknown field (typo?)"


def test_missing_section(data: Path) -> None:
    edit(data / "people.yaml", "\npeople:\n", "\npeple:\n")
    assert [(p.path, p.message) for p in problems_in(data)] == [
        ("people", "missing"),  # no line: the whole file lacks it, so it comes first
        ("peple", "unknown field (typo?)"),
    ]


def test_programme_needs_a_day(data: Path) -> None:
    (data / "programme.yaml").write_text("days: []\n", encoding="utf-8")
    problems = problems_in(data)
    assert Problem("programme.yaml", 1, "days", "the programme needs at least one day") in (
        problems
    )


def test_duplicate_day(data: Path) -> None:
    edit(data / "programme.yaml", "date: 2025-09-06", "date: 2025-09-05")
    line = nth_line_of(data / "programme.yaml", "date: 2025-09-05", 2)
    assert problems_in(data) == [
        Problem(
            "programme.yaml", line, "days.1.date", "2025-09-05 is listed twice; the first is days.0"
        )
    ]


def test_missing_field_and_typo_in_the_same_record(data: Path) -> None:
    edit(
        data / "people.yaml",
        "    role:\n      ru: председатель",
        "    rol:\n      ru: председатель",
    )
    problems = problems_in(data)
    assert [(p.path, p.message) for p in problems] == [
        ("people.0.role", "missing"),
        ("people.0.rol", "unknown field (typo?)"),
    ]
    assert problems[1].line == line_of(data / "people.yaml", "rol:")
    assert problems[0].line == line_of(data / "people.yaml", "id: maral-achilova")


def test_all_problems_are_reported_in_file_order(data: Path) -> None:
    edit(data / "press.yaml", "speaker: shaban-shaev", "speaker: nobody")
    edit(data / "delegations.yaml", "    observer: true", "    obsrver: true")
    edit(data / "programme.yaml", 'start: "14:30"', "start: '9.30'")
    edit(data / "event.yaml", "timezone: Asia/Ashgabat", "timezone: Asia/Ashgabad")
    problems = problems_in(data)
    assert [(p.file, p.path) for p in problems] == [
        ("event.yaml", "timezone"),
        ("programme.yaml", "days.0.sessions.3.start"),
        ("delegations.yaml", "delegations.8.obsrver"),
        ("press.yaml", "quotes.1.speaker"),
    ]
    with pytest.raises(ContentError) as caught:
        load_content(data)
    text = str(caught.value)
    assert text.startswith("4 problems in the data files:")
    assert all(str(problem) in text for problem in problems)


def test_several_problems_in_one_file(data: Path) -> None:
    edit(data / "programme.yaml", 'start: "10:30"', 'start: "10:15"')
    edit(data / "programme.yaml", "date: 2025-09-06", "date: 2025-09-09")
    edit(data / "programme.yaml", "[kate-forbes, biljana-milosevic]", "[kate-forbs, biljana]")
    problems = problems_in(data)
    assert [p.path for p in problems] == [
        "days.0.sessions.1.start",
        "days.0.sessions.1.speakers.0",
        "days.0.sessions.1.speakers.1",
        "days.1.date",
    ]
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)


def test_release_times_with_an_offset_are_refused_as_ambiguous() -> None:
    import pydantic

    from bot.content.models import PressRelease

    release = {
        "id": "r",
        "title": {"ru": "т", "en": "t"},
        "body": {"ru": "т", "en": "t"},
        "published_at": "2025-09-05T18:00+03:00",
    }
    with pytest.raises(pydantic.ValidationError, match="timezone"):
        PressRelease.model_validate(release)
    PressRelease.model_validate({**release, "published_at": "2025-09-05T18:00"})
