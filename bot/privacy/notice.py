"""The privacy notice from ``data/privacy.yaml``: its shape, its reader and its words.

Read like the survey (``bot/feedback/survey.py``): ruamel, so a problem names its line,
and on its own, since the notice is not the meeting's content. ``python -m bot check``
refuses a data folder without it. ``notice_sections`` and ``notice_html`` render it for
one language: the chat and the Mini App use them, and so can a public web page.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from pydantic import Field, TypeAdapter, ValidationError

from bot.content.messages import message
from bot.content.models import Strict, Text
from bot.content.problems import ContentError, Problem, Report
from bot.content.side_file import plain, read_side_file

NOTICE_FILE = "privacy.yaml"


class Section(Strict):
    title: Text
    points: tuple[Text, ...] = Field(min_length=1)
    illustrative: bool = False
    """A placeholder the organiser must replace (the contact, until they do)."""


class PrivacyNotice(Strict):
    """Who controls the data, how to reach them, why, what, how long, and the rights:
    every section required, so a notice cannot leave one out."""

    title: Text
    controller: Section
    contact: Section
    purposes: Section
    kept: Section
    retention: Section
    rights: Section

    def sections(self) -> tuple[Section, ...]:
        return (
            self.controller,
            self.contact,
            self.purposes,
            self.kept,
            self.retention,
            self.rights,
        )


_ADAPTER = TypeAdapter(PrivacyNotice)


def load_notice(directory: Path) -> PrivacyNotice:
    """The notice in ``directory``. Raises ``ContentError`` listing every problem, each
    with its line, like ``check``; a missing file is a problem too."""
    path = Path(directory) / NOTICE_FILE
    if not path.is_file():
        raise ContentError([_problem(None, "", "missing: the privacy notice is required")])
    document = read_side_file(path)
    if not isinstance(document, dict) or list(document) != ["privacy"]:
        raise ContentError([_problem(1, "", "expected 'privacy:' with the notice's sections")])
    try:
        return _ADAPTER.validate_python(plain(document["privacy"]))
    except ValidationError as error:
        report = Report()  # the content loader's: it finds each path's line in the file
        report.documents[NOTICE_FILE] = document
        for detail in error.errors(include_url=False):
            report.add(NOTICE_FILE, ("privacy", *detail["loc"]), message(detail))
        raise ContentError(report.problems) from error


def describe_notice(notice: PrivacyNotice) -> str:
    """``check``'s line for the notice; a placeholder still in it is said out loud."""
    placeholders = [name for name, section in notice if getattr(section, "illustrative", False)]
    line = f"{NOTICE_FILE}: OK — privacy notice, {len(notice.sections())} sections, ru and en"
    if placeholders:
        line += f"; placeholder (illustrative) to replace: {', '.join(placeholders)}"
    return line


def notice_sections(
    notice: PrivacyNotice, language: str, retention_days: int
) -> list[tuple[str, list[str]]]:
    """``(title, points)`` of each section in ``language``, as plain text; the retention
    period is the bot's own setting."""
    return [
        (
            section.title.get(language),
            [
                point.get(language).replace("{days}", str(retention_days))
                for point in section.points
            ],
        )
        for section in notice.sections()
    ]


def notice_html(notice: PrivacyNotice, language: str, retention_days: int) -> str:
    """The whole notice as Telegram (or any) HTML, every piece of text escaped."""
    lines = [f"<b>{escape(notice.title.get(language))}</b>"]
    for title, points in notice_sections(notice, language, retention_days):
        lines += ["", f"<b>{escape(title)}</b>", *(f"• {escape(point)}" for point in points)]
    return "\n".join(lines)


def _problem(line: int | None, path: str, text: str) -> Problem:
    return Problem(NOTICE_FILE, line, path, text)
