"""Writes a ``Programme`` as ``data/`` files in our usual style.

``data/`` stays the one source of truth: the export becomes ``programme.yaml`` and
``people.yaml`` entries, then ``check`` and ``load`` work as usual. Exports carry one
language, so every bilingual field gets the same text on both sides and a comment saying
it still needs translating.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from bot.content.files import DELEGATIONS_FILE, EVENT_FILE, PEOPLE_FILE, PROGRAMME_FILE
from bot.content.importers.programme import ImportResult, Programme, Speaker, Talk

UNTRANSLATED = "untranslated: both languages hold the export's text"
SPEAKER_ROLE = {"ru": "докладчик", "en": "speaker"}
_EVENT_NOTE = (
    "\nThe export has no motto, organiser, venue or city: the values marked TO FILL IN are"
    "\nplaceholders that the bot would show to people. Replace them before going live."
)

Slot = tuple[dt.datetime, Talk, str, str]


def _text(value: str, *, block: bool = False) -> CommentedMap:
    """The same text on both sides; long text as a block, line breaks kept."""
    if "\n" in value:
        value = LiteralScalarString(value.replace("\r\n", "\n"))
    text = CommentedMap(ru=value, en=value)
    if not block:
        text.fa.set_flow_style()
    return text


def schedule_days(
    programme: Programme, zone: ZoneInfo, result: ImportResult
) -> dict[dt.date, list[Slot]]:
    """Talks by local date; a talk past midnight ends at 23:59 (a session ends on its day)."""
    days: dict[dt.date, list[Slot]] = {}
    for talk in programme.talks:
        starts = talk.starts.astimezone(zone) if talk.starts.tzinfo else talk.starts
        starts = starts.replace(tzinfo=zone)
        ends = starts + talk.length
        end_text = ends.strftime("%H:%M")
        if ends.date() != starts.date():
            end_text = "23:59"
            result.notes.append(
                f"talk {talk.ident} «{talk.title}» ends at {ends:%Y-%m-%d %H:%M}, the next"
                f" day; it ends at 23:59 in programme.yaml (a session ends on its day)"
            )
        days.setdefault(starts.date(), []).append(
            (starts, talk, starts.strftime("%H:%M"), end_text)
        )
    return days


def write_data(
    programme: Programme, zone_name: str, source: Path, out: Path, result: ImportResult
) -> None:
    """Write ``programme.yaml`` and the speakers into ``people.yaml`` under ``out``.

    ``event.yaml`` and ``delegations.yaml`` are written only when missing (a new data
    folder), with the export's name, dates and zone and clearly marked placeholders.
    """
    days = schedule_days(programme, ZoneInfo(zone_name), result)
    people: dict[str, CommentedMap] = {}
    programme_days = CommentedSeq()
    for number, date in enumerate(sorted(days), start=1):
        sessions = CommentedSeq()
        for _starts, talk, start, end in sorted(days[date], key=lambda item: item[0]):
            sessions.append(_session_entry(talk, start, end))
            for speaker in talk.speakers:
                people.setdefault(speaker.key, _person_entry(speaker))
        title = CommentedMap(ru=f"День {number}", en=f"Day {number}")
        title.fa.set_flow_style()
        programme_days.append(CommentedMap(date=date, title=title, sessions=sessions))
        result.sessions += len(sessions)
    result.days = len(programme_days)
    result.rooms = len({talk.room for talk in programme.talks})
    result.people = len(people)

    out.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    header = _header(source, programme)
    _dump(yaml, out / PROGRAMME_FILE, CommentedMap(days=programme_days), header)
    result.written.append(PROGRAMME_FILE)
    _merge_people(yaml, out / PEOPLE_FILE, people, header)
    result.written.append(PEOPLE_FILE)
    if not (out / EVENT_FILE).exists():
        event = _event_entry(programme, zone_name, max([programme.end, *days]))
        _dump(yaml, out / EVENT_FILE, event, header + _EVENT_NOTE)
        result.written.append(EVENT_FILE)
    if not (out / DELEGATIONS_FILE).exists():
        _dump(yaml, out / DELEGATIONS_FILE, CommentedMap(delegations=CommentedSeq()), header)
        result.written.append(DELEGATIONS_FILE)


def _header(source: Path, programme: Programme) -> str:
    return (
        f"imported from {source.name} ({programme.title})"
        "\nby `python -m bot import-schedule`."
        "\nThe export is in one language: every {ru, en} pair holds the same text and is marked"
        f"\n«{UNTRANSLATED}». Translate one side, then remove the mark."
        "\nIds come from the export's own ids: keep them, so a re-import updates sessions"
        "\ninstead of replacing them. Check with: python -m bot check <this folder>"
    )


def _session_entry(talk: Talk, start: str, end: str) -> CommentedMap:
    session = CommentedMap(
        id=talk.key, start=DoubleQuotedScalarString(start), end=DoubleQuotedScalarString(end)
    )
    session["title"] = _text(talk.title)
    session.yaml_add_eol_comment(UNTRANSLATED, "title")
    session["room"] = _text(talk.room)
    if talk.about:
        session["description"] = _text(talk.about, block=True)
    if talk.speakers:
        session["speakers"] = list(dict.fromkeys(speaker.key for speaker in talk.speakers))
    return session


def _person_entry(speaker: Speaker) -> CommentedMap:
    entry = CommentedMap(id=speaker.key, name=_text(speaker.name))
    entry.yaml_add_eol_comment(UNTRANSLATED, "name")
    role = CommentedMap(SPEAKER_ROLE)
    role.fa.set_flow_style()
    entry["role"] = role
    return entry


def _event_entry(programme: Programme, zone_name: str, last_day: dt.date) -> CommentedMap:
    placeholder = CommentedMap(ru="уточняется", en="to be announced")
    placeholder.fa.set_flow_style()
    short_name = programme.acronym or programme.title
    event = CommentedMap(name=_text(programme.title), short_name=_text(short_name))
    for key in ("motto", "organiser", "venue", "city"):
        event[key] = placeholder.copy()
        event[key].fa.set_flow_style()
        event.yaml_add_eol_comment("TO FILL IN: not in the export", key)
    event["timezone"] = zone_name
    event["timezone_name"] = _text(zone_name)
    event["starts_on"] = programme.start
    event["ends_on"] = last_day
    return event


def _merge_people(yaml: YAML, path: Path, imported: dict[str, CommentedMap], header: str) -> None:
    """Keep the people already in the file; add the speakers, replacing same-id entries."""
    if not path.exists():
        _dump(yaml, path, CommentedMap(people=CommentedSeq(imported.values())), header)
        return
    document = yaml.load(path)
    existing = document.get("people") or CommentedSeq()
    kept = CommentedSeq(p for p in existing if p.get("id") not in imported)
    kept.extend(imported.values())
    document["people"] = kept
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(document, handle)


def _dump(yaml: YAML, path: Path, document: CommentedMap, header: str) -> None:
    document.yaml_set_start_comment(f"{path.name} — {header}")
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(document, handle)
