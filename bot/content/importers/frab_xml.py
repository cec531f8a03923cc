"""frab's ``schedule.xml``, read into the ``schedule.json`` 1.x shape and validated alike.

Parsed with defusedxml: an export is untrusted input, and the stdlib parser expands
entities (billion laughs) and may fetch external ones. Places in messages use the XML's
own names (``schedule.day[0].room[Saal 1].event[3].duration``), not the JSON ones.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from bot.content.importers.problems import Loc

# XML names that differ from their schedule.json counterparts.
_CONFERENCE_NAMES = {"days": "daysCount"}
_LISTS = {"persons": "person", "links": "link", "attachments": "attachment"}


class XmlError(ValueError):
    """Not well-formed, or refused by defusedxml (entities, DTDs)."""


def parse(text: str) -> dict[str, Any]:
    """The export as the dict ``frab_json.ScheduleFile`` validates."""
    try:
        root = ElementTree.fromstring(text, forbid_dtd=True)
    except DefusedXmlException as error:
        raise XmlError(f"refused: {error}") from error
    except ElementTree.ParseError as error:
        line, column = error.position
        raise XmlError(f"{line}:{column}: not well-formed XML: {error.msg}") from error
    if root.tag != "schedule":
        raise XmlError(f"the root element is <{root.tag}>, not <schedule>")
    schedule: dict[str, Any] = {}
    days = []
    for child in root:
        if child.tag == "conference":
            schedule["conference"] = {
                _CONFERENCE_NAMES.get(item.tag, item.tag): _value(item) for item in child
            }
        elif child.tag == "day":
            days.append(_day(child))
        else:
            schedule[child.tag] = _value(child)
    if days:
        schedule.setdefault("conference", {})["days"] = days
    return {"schedule": schedule}


def _value(element: Element) -> Any:
    """Text for a leaf, a dict of children (and attributes) otherwise."""
    if len(element) == 0 and not element.attrib:
        return (element.text or "").strip()
    value: dict[str, Any] = dict(element.attrib)
    value.update((child.tag, _value(child)) for child in element)
    return value


def _day(element: Element) -> dict[str, Any]:
    day: dict[str, Any] = {
        "index": element.get("index"),
        "date": element.get("date"),
        "day_start": element.get("start") or None,
        "day_end": element.get("end") or None,
        "rooms": {},
    }
    for room in element.findall("room"):
        if room.get("name") is not None:
            day["rooms"][room.get("name")] = [_event(event) for event in room.findall("event")]
    return day


def _event(element: Element) -> dict[str, Any]:
    event: dict[str, Any] = {"id": element.get("id"), "guid": element.get("guid")}
    for child in element:
        if child.tag in _LISTS:
            event[child.tag] = [_item(child.tag, item) for item in child]
        else:
            event[child.tag] = _value(child)
    return event


def _item(kind: str, element: Element) -> dict[str, Any]:
    text = (element.text or "").strip()
    if kind == "persons":
        return {"id": element.get("id"), "public_name": text}
    return {"url": element.get("href"), "title": text, "type": element.get("type")}


def place(loc: Loc) -> str:
    """A place in the JSON shape, spelt as the XML has it."""
    parts = list(loc)
    where = "schedule"
    if parts[:1] == ["schedule"]:
        parts = parts[1:]
    if parts[:2] == ["conference", "days"] and len(parts) > 2:
        where += f".day[{parts[2]}]"
        parts = parts[3:]
        if parts[:1] == ["rooms"] and len(parts) > 1:
            where += f".room[{parts[1]}]"
            parts = parts[2:]
            if parts and isinstance(parts[0], int):
                where += f".event[{parts[0]}]"
                parts = parts[1:]
    elif parts[:2] == ["conference", "daysCount"]:
        parts = ["conference", "days", *parts[2:]]
    for part in parts:
        where += f"[{part}]" if isinstance(part, int) else f".{part}"
    return where
