"""The after-meeting survey from ``data/survey.yaml``: its shape and its reader.

Organisers write the three questions in the data folder, bilingual like every data file.
The file is read like the content loader reads the others (ruamel, so a problem names
its line) but on its own: the survey is not part of the meeting's content, and a bad
survey must not stop a load. ``python -m bot check`` reports its problems too.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path

from pydantic import Field, TypeAdapter, ValidationError, model_validator

from bot.content.messages import message
from bot.content.models import Key, Strict, Text
from bot.content.problems import ContentError, Problem, Report
from bot.content.side_file import plain, read_side_file
from bot.feedback.values import RATINGS

log = logging.getLogger(__name__)
SURVEY_FILE = "survey.yaml"
MAX_QUESTIONS = 5
MAX_OPTIONS = len(RATINGS)


class QuestionKind(StrEnum):
    RATING = "rating"
    CHOICE = "choice"


class SurveyQuestion(Strict):
    """One question: answered on a 1–5 scale, or by choosing one of 2–5 options."""

    id: Key
    text: Text
    kind: QuestionKind = QuestionKind.RATING
    options: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _options_fit_the_kind(self) -> SurveyQuestion:
        if self.kind is QuestionKind.RATING and self.options:
            raise ValueError("a rating question has no options: its answers are 1 to 5")
        if self.kind is QuestionKind.CHOICE and not 2 <= len(self.options) <= MAX_OPTIONS:
            raise ValueError(f"a choice question needs 2 to {MAX_OPTIONS} options")
        return self

    def answers(self) -> tuple[Text, ...]:
        """The buttons, in order; answer n is the n-th (from 1)."""
        if self.kind is QuestionKind.RATING:
            return tuple(Text(ru=str(n), en=str(n)) for n in RATINGS)
        return self.options


class Survey(Strict):
    questions: tuple[SurveyQuestion, ...] = Field(min_length=1, max_length=MAX_QUESTIONS)

    @model_validator(mode="after")
    def _ids_unique(self) -> Survey:
        ids = [question.id for question in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("every question needs its own id")
        return self


_ADAPTER = TypeAdapter(Survey)


def load_survey(directory: Path) -> Survey | None:
    """The survey in ``directory``; None when there is no survey file.

    Raises ``ContentError`` listing every problem, each with its line, like ``check``.
    """
    path = Path(directory) / SURVEY_FILE
    if not path.is_file():
        return None
    document = read_side_file(path)
    if not isinstance(document, dict) or list(document) != ["survey"]:
        raise ContentError([_problem(1, "", "expected 'survey:' with a list of questions")])
    try:
        return _ADAPTER.validate_python({"questions": plain(document["survey"])})
    except ValidationError as error:
        report = Report()  # the content loader's: it finds each path's line in the file
        report.documents[SURVEY_FILE] = document
        for detail in error.errors(include_url=False):
            report.add(SURVEY_FILE, ("survey", *detail["loc"][1:]), message(detail))
        raise ContentError(report.problems) from error


def read_survey(directory: Path) -> Survey | None:
    """For the running bot: a broken survey is logged and not sent (``check`` lists why)."""
    try:
        return load_survey(directory)
    except ContentError as error:
        log.error("the survey will not be sent: %s", error)
        return None


def _problem(line: int | None, path: str, message: str) -> Problem:
    return Problem(SURVEY_FILE, line, path, message)
