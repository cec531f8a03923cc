"""``import-schedule`` on real exports: frab/pretalx JSON 1.x, c3voc schedule 2, frab XML.

The samples are real files (see samples/README.md), used as they are: real exports carry
the quirks a hand-written sample lacks (no zone name, unknown fields, XML entities).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.content import load_content
from bot.content.importers import Problem, ScheduleImportError, import_schedule
from bot.content.service import ContentService
from bot.store.holder import Store
from tests.clock import ManualClock

SAMPLES = Path(__file__).parent / "samples"
RC3 = SAMPLES / "pretalx-rc3-channels.schedule.json"
HUB = SAMPLES / "c3voc-hub-38c3.schedule2.json"
XML_31C3 = SAMPLES / "frab-31c3.schedule.xml"
ASSUMED_GMT1 = Problem(
    "schedule.conference.time_zone_name",
    "missing; assumed Etc/GMT-1 (UTC+01:00, the offset of every time in the export);"
    " pass --tz with the event's own zone (e.g. --tz Europe/Berlin) if it observes summer time",
)


@pytest.mark.parametrize(
    ("sample", "kind", "days", "sessions", "rooms"),
    [
        ("pretalx-democon.schedule.json", "schedule.json 1.x (version v1.1)", 3, 36, 2),
        ("frab-camp2019.schedule.json", "schedule.json 1.x (version Gacrux)", 5, 79, 2),
        ("pretalx-rc3-channels.schedule.json", "schedule.json 1.x (version 1.3)", 1, 3, 1),
        ("c3voc-hub-38c3.schedule2.json", "schedule.json 2 (c3voc hub)", 2, 2, 2),
        ("frab-31c3.schedule.xml", "frab schedule.xml", 1, 4, 1),
    ],
)
async def test_real_schedule_exports_import_check_and_load(
    sample: str,
    kind: str,
    days: int,
    sessions: int,
    rooms: int,
    tmp_path: Path,
    store: Store,
    clock: ManualClock,
) -> None:
    out = tmp_path / "data"
    result = import_schedule(SAMPLES / sample, out)
    assert (result.format, result.days, result.sessions, result.rooms) == (
        kind,
        days,
        sessions,
        rooms,
    )
    content = load_content(out)
    assert sum(len(day.sessions) for day in content.programme.days) == sessions
    first = content.programme.days[0].sessions[0]
    assert first.title.ru == first.title.en
    assert "untranslated" in (out / "programme.yaml").read_text(encoding="utf-8")
    report = await ContentService(store, clock).load(out)
    assert report.changed
    again = import_schedule(SAMPLES / sample, out)
    assert again.written == ["programme.yaml", "people.yaml"], "event.yaml is kept"
    assert not (await ContentService(store, clock).load(out)).changed, "re-import is stable"


def test_frab_times_are_local_and_midnight_crossing_is_noted(tmp_path: Path) -> None:
    result = import_schedule(SAMPLES / "frab-camp2019.schedule.json", tmp_path)
    content = load_content(tmp_path)
    opening = next(s for d in content.programme.days for s in d.sessions if s.id == "s-10386")
    assert (opening.start, opening.end) == ("11:00", "11:30")  # Europe/Berlin wall clock
    assert [n for n in result.notes if "10344" in n and "23:59" in n]
    assert content.event.timezone == "Europe/Berlin"
    assert result.warnings == []


def test_pretalx_without_zone_name_assumes_the_offset_and_says_so(tmp_path: Path) -> None:
    raw = json.loads(RC3.read_text(encoding="utf-8"))
    assert "time_zone_name" not in raw["schedule"]["conference"], "the real export lacks it"
    result = import_schedule(RC3, tmp_path)
    assert result.warnings == [ASSUMED_GMT1]
    content = load_content(tmp_path)
    assert content.event.timezone == "Etc/GMT-1"
    [day] = content.programme.days
    assert str(day.date) == "2020-12-27"
    assert [(s.id, s.start, s.end) for s in day.sessions] == [
        ("s-15", "11:30", "12:10"),
        ("s-120", "13:00", "15:00"),
        ("s-143", "16:00", "16:40"),
    ]
    assert day.sessions[2].title.en == "Oh du fröhliche, oh du smarte Welt..."
    assert day.sessions[0].speakers == ["chris-fiege-20", "kasa-21"]


def test_tz_option_names_the_zone_and_keeps_the_wall_clock(tmp_path: Path) -> None:
    result = import_schedule(RC3, tmp_path, tz="Europe/Berlin")
    assert result.warnings == []
    content = load_content(tmp_path)
    assert content.event.timezone == "Europe/Berlin"
    assert content.programme.days[0].sessions[0].start == "11:30"
    with pytest.raises(ScheduleImportError) as caught:
        import_schedule(RC3, tmp_path / "other", tz="Europe/Berln")
    assert caught.value.problems == [
        f"{RC3}: --tz: unknown time zone 'Europe/Berln' (use an IANA name, e.g. Europe/Berlin)"
    ]
    assert not (tmp_path / "other").exists()


def test_times_without_offset_or_zone_are_refused_unless_tz_is_given(tmp_path: Path) -> None:
    # frab XML without <date> (as FOSDEM's): only the day's date and a wall-clock start.
    text = re.sub(r"<date>[^<]*</date>\n", "", XML_31C3.read_text(encoding="utf-8"))
    naive = tmp_path / "schedule.xml"
    naive.write_text(text, encoding="utf-8")
    with pytest.raises(ScheduleImportError) as caught:
        import_schedule(naive, tmp_path / "out")
    assert caught.value.problems == [
        f"{naive}: schedule.conference.time_zone_name: missing, and the times carry no UTC"
        " offset: give the zone with --tz"
    ]
    assert not (tmp_path / "out").exists(), "nothing is written"
    result = import_schedule(naive, tmp_path / "out", tz="Europe/Berlin")
    assert result.warnings == []
    sessions = load_content(tmp_path / "out").programme.days[0].sessions
    assert [(s.start, s.end) for s in sessions][:2] == [("11:00", "11:30"), ("11:30", "12:30")]


def test_c3voc_schedule2_hub_export_imports_like_1x(tmp_path: Path) -> None:
    result = import_schedule(HUB, tmp_path)
    assert result.warnings == [
        Problem(
            "schedule.events[0].feedback",
            "unknown field, ignored"
            " (talk '270fa44c-821a-577f-8ca3-33e8d4a8c2a7' «38C3: Opening Ceremony»)",
        ),
        Problem(
            "schedule.events[1].origin_url",
            "unknown field, ignored (talk 'b1740c2f-0c44-5f1b-89ed-456a9eecf0b8'"
            " «A Competitive Time-Trial AI for Need for Speed:»)",
        ),
        Problem(
            "schedule.events[1].feedback_url",
            "unknown field, ignored (talk 'b1740c2f-0c44-5f1b-89ed-456a9eecf0b8'"
            " «A Competitive Time-Trial AI for Need for Speed:»)",
        ),
    ]
    content = load_content(tmp_path)
    assert content.event.timezone == "Europe/Berlin"
    assert (str(content.event.starts_on), str(content.event.ends_on)) == (
        "2024-12-27",
        "2024-12-30",
    )
    opening, night = (day.sessions[0] for day in content.programme.days)
    assert (opening.title.en, opening.room.en, opening.start, opening.end) == (
        "38C3: Opening Ceremony",
        "Saal 1",
        "10:30",
        "11:00",
    )
    assert opening.speakers == [
        "gabriela-bogk-0c16ffaa",
        "senficon-4cee1e72",
        "aline-blankertz-721a267b",
    ]
    # The room reference has a guid only in part of the file: its name comes from rooms[].
    assert (night.room.en, night.start, night.end) == ("Saal ZIGZAG", "00:15", "00:55")
    assert len(content.people) == 4


def test_unknown_fields_warn_and_missing_needed_ones_are_errors(tmp_path: Path) -> None:
    raw = json.loads((SAMPLES / "frab-camp2019.schedule.json").read_text(encoding="utf-8"))
    conference = raw["schedule"]["conference"]
    room = next(iter(conference["days"][0]["rooms"]))
    talk = conference["days"][0]["rooms"][room][3]
    talk["foo"] = "bar"
    conference["sponsor"] = {"name": "ACME"}
    tolerant = tmp_path / "tolerant.json"
    tolerant.write_text(json.dumps(raw), encoding="utf-8")
    result = import_schedule(tolerant, tmp_path / "ok")
    context = f"(talk {talk['id']!r} «{talk['title']}»)"
    assert result.warnings == [
        Problem("schedule.conference.sponsor", "unknown field, ignored"),
        Problem(
            f"schedule.conference.days[0].rooms.{room}[3].foo", f"unknown field, ignored {context}"
        ),
    ]
    assert result.sessions == 79

    del talk["duration"]
    talk["date"] = "yesterday"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ScheduleImportError) as caught:
        import_schedule(broken, tmp_path / "out")
    where = f"{broken}: schedule.conference.days[0].rooms.{room}[3]"
    assert caught.value.problems == [
        f"{where}.date: Input should be a valid datetime or date, input is too short {context}",
        f"{where}.duration: missing {context}",
    ]
    assert not (tmp_path / "out").exists(), "nothing is written"


def test_xml_is_picked_by_content_and_named_by_its_own_places(tmp_path: Path) -> None:
    text = XML_31C3.read_text(encoding="utf-8")
    text = text.replace("<duration>01:00</duration>", "<duration>1h</duration>", 1)
    text = text.replace("<subtitle>A New Dawn</subtitle>", "<foo>bar</foo>", 1)
    renamed = tmp_path / "schedule.json"  # the name lies; the content decides
    renamed.write_text(text, encoding="utf-8")
    with pytest.raises(ScheduleImportError) as caught:
        import_schedule(renamed, tmp_path / "out")
    assert caught.value.problems == [
        f"{renamed}: schedule.day[0].room[Saal 1].event[1].duration:"
        " String should match pattern '^(\\d+:)?\\d{1,3}:\\d{2}$' (talk '6571' «31C3 Keynote»)"
    ]
    assert not (tmp_path / "out").exists()
    renamed.write_text(text.replace("<duration>1h</duration>", "<duration>01:00</duration>"))
    result = import_schedule(renamed, tmp_path / "out")
    assert result.format == "frab schedule.xml"
    assert result.warnings[0] == Problem(
        "schedule.day[0].room[Saal 1].event[1].foo",
        "unknown field, ignored (talk '6571' «31C3 Keynote»)",
    )


def test_xml_entities_are_refused_not_expanded(tmp_path: Path) -> None:
    bomb = tmp_path / "schedule.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE schedule [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<schedule>&b;</schedule>\n',
        encoding="utf-8",
    )
    with pytest.raises(ScheduleImportError) as caught:
        import_schedule(bomb, tmp_path / "out")
    [problem] = caught.value.problems
    assert problem.startswith(f"{bomb}: refused: DTDForbidden")
    assert not (tmp_path / "out").exists()


def test_cli_prints_warnings_then_the_summary_and_exits_by_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "data"
    assert main(["import-schedule", str(RC3), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert printed.err == f"warning: {ASSUMED_GMT1}\n"
    assert printed.out.startswith(
        f"{out}: schedule.json 1.x (version 1.3), 1 days, 3 sessions, 1 rooms, 5 people,"
        " times in Etc/GMT-1 (programme.yaml, people.yaml, event.yaml, delegations.yaml written)"
    )
    assert main(["import-schedule", str(RC3), "--out", str(out), "--tz", "Europe/Berlin"]) == 0
    assert capsys.readouterr().err == ""
    empty = tmp_path / "empty.json"
    empty.write_text('{"schedule": {"conference": {"title": ""}}}', encoding="utf-8")
    assert main(["import-schedule", str(empty), "--out", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert f"{empty}: schedule.conference.title: String should have at least 1 character" in err
    assert err.endswith(f"problem(s) in {empty}; nothing was written\n")
    assert not (tmp_path / "none").exists()
