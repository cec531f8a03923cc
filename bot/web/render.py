"""Server-rendered HTML: Jinja2 with autoescape on, and the reader's view of time and text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.utils.i18n import gettext, ngettext
from aiohttp import web
from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from bot.agenda.values import Session, Speaker, place
from bot.content.models import Event, Text
from bot.time.display import (
    clock_time,
    day_heading,
    day_label,
    short_day,
    time_range,
    zone_label,
)
from bot.web.texts import Catalogue

NO_STORE = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
"""Pages carry one user's data: never kept by a cache."""


@dataclass(frozen=True, slots=True)
class Reader:
    """Everything a page needs to show data to one reader: language, zone, the moment."""

    language: str
    event: Event
    zone: ZoneInfo
    now: dt.datetime

    def text(self, value: Text | None) -> str:
        return "" if value is None else value.get(self.language)

    def span(self, session: Session) -> str:
        return time_range(session.starts_at, session.ends_at, self.zone)

    def clock(self, moment: dt.datetime) -> str:
        return clock_time(moment, self.zone)

    def day(self, date: dt.date) -> str:
        return day_heading(date, self.language)

    def short_day(self, date: dt.date) -> str:
        return short_day(date, self.language)

    def local_day(self, moment: dt.datetime) -> str:
        return day_heading(moment.astimezone(self.zone).date(), self.language)

    def within_sentence(self, moment: dt.datetime) -> str:
        """«пятница, 5 сентября»: a day inside a sentence (lower case where the language has it)."""
        return day_label(moment.astimezone(self.zone).date(), self.language)

    def moment(self, moment: dt.datetime) -> str:
        return f"{self.local_day(moment)}, {self.clock(moment)}"

    def place(self, session: Session) -> str:
        return place(self.text(session.room), self.text(self.event.venue))

    def organisation(self, speaker: Speaker) -> str:
        """The speaker's organisation, unless their role already names it (as chat does)."""
        organisation = self.text(speaker.organisation)
        return "" if organisation.lower() in self.text(speaker.role).lower() else organisation

    @property
    def zone_label(self) -> str:
        """The zone named beside every time; its human name when it is the event's own."""
        name = self.event.timezone_name if self.zone.key == self.event.timezone else None
        return zone_label(name, self.zone, self.now, self.language)


class Pages:
    """Renders templates in a reader's language.

    A counted text is written in the template as
    ``{{ ngettext("{count} follower", "{count} followers", n).format(count=n) }}``: the page
    renders inside the reader's language scope, so it takes that language's plural forms.
    """

    def __init__(self, texts: Catalogue) -> None:
        self.texts = texts
        self.environment = Environment(
            loader=PackageLoader("bot.web", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.i18n"],
        )
        self.environment.install_gettext_callables(  # type: ignore[attr-defined]
            gettext, ngettext, newstyle=False
        )

    @property
    def globals(self) -> dict[str, Any]:
        """What every template sees besides its own values (whether email is on)."""
        return self.environment.globals

    def html(self, template: str, language: str, **context: Any) -> str:
        return self.render(self.environment.get_template(template), language, **context)

    def render(self, page: Template, language: str, **context: Any) -> str:
        with self.texts.scope(language):
            return page.render(t=self.texts(language), language=language, **context)

    def response(
        self, template: str, language: str, *, status: int = 200, **context: Any
    ) -> web.Response:
        body = self.html(template, language, status=status, **context)
        return web.Response(
            text=body, status=status, content_type="text/html", charset="utf-8", headers=NO_STORE
        )
