"""Reads an export of any supported format into a ``Programme`` and its warnings.

The format is picked by content, not by the file's name: exports are downloaded and
renamed freely, and ``schedule`` without an extension is common. ``<`` means frab XML;
``{`` means JSON, schedule 2 when it has a flat ``schedule.events`` list, else 1.x.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.content.importers import frab_json, frab_xml, schedule2
from bot.content.importers.problems import (
    Placer,
    Problem,
    ScheduleImportError,
    json_place,
    unknown_warnings,
    validation_problems,
)
from bot.content.importers.programme import Programme

Model = TypeVar("Model", bound=BaseModel)


@dataclass(slots=True)
class Reading:
    """A validated export: its format's name, the programme, what looked odd."""

    format: str
    programme: Programme
    warnings: list[Problem]


def read_export(path: Path) -> Reading:
    """The export as a programme, or every problem named by its place in the file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ScheduleImportError([f"{path}: cannot read: {error}"]) from error
    head = text.lstrip()[:1]
    if head == "<":
        return _read_xml(path, text)
    if head in ("{", "["):
        return _read_json(path, text)
    raise ScheduleImportError(
        [f"{path}: neither JSON nor XML (it starts with {text.lstrip()[:20]!r})"]
    )


def _read_xml(path: Path, text: str) -> Reading:
    try:
        raw = frab_xml.parse(text)
    except frab_xml.XmlError as error:
        raise ScheduleImportError([f"{path}: {error}"]) from error
    model, warnings = _validate(path, frab_json.ScheduleFile, raw, frab_xml.place)
    conference = model.schedule.conference
    programme = frab_json.to_programme(conference)
    programme.zone_place = "schedule.conference.time_zone_name"
    return Reading("frab schedule.xml", programme, warnings)


def _read_json(path: Path, text: str) -> Reading:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        message = f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        raise ScheduleImportError([message]) from error
    if _is_schedule2(raw):
        hub, warnings = _validate(path, schedule2.ScheduleFile, raw, json_place)
        programme = schedule2.to_programme(hub.schedule)
        return Reading("schedule.json 2 (c3voc hub)", programme, warnings)
    frab, warnings = _validate(path, frab_json.ScheduleFile, raw, json_place)
    programme = frab_json.to_programme(frab.schedule.conference)
    version = frab.schedule.version
    label = f"schedule.json 1.x (version {version})" if version else "schedule.json 1.x"
    return Reading(label, programme, warnings)


def _is_schedule2(raw: Any) -> bool:
    schedule = raw.get("schedule") if isinstance(raw, dict) else None
    return isinstance(schedule, dict) and "events" in schedule


def _validate(
    path: Path, model: type[Model], raw: Any, place: Placer
) -> tuple[Model, list[Problem]]:
    try:
        validated = model.model_validate(raw)
    except ValidationError as error:
        problems = validation_problems(error, raw, place)
        raise ScheduleImportError([f"{path}: {problem}" for problem in problems]) from error
    return validated, unknown_warnings(validated, raw, place)
