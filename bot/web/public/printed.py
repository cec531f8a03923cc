"""The printable programme: one A4 PDF per language, built from the live programme.

Built when asked for (a few hundred milliseconds), so it always shows the programme as it
is now: delays, room changes, cancellations; times with the zone named, rooms, speakers
and what the press may do at each session.
"""

from __future__ import annotations

import asyncio

from bot.content.models import PressAccess
from bot.programme.public_status import State, Status
from bot.programme.values import CancelledSession
from bot.web.public.gather import Row, rows
from bot.web.public.printed_values import Line, Printed, PrintedDay
from bot.web.public.sources import PublicSources
from bot.web.public.texts import PublicTexts
from bot.web.render import Reader
from bot.web.texts import Texts

MARKS = {
    PressAccess.OPEN: "open_mark",
    PressAccess.CLOSED: "closed_mark",
    PressAccess.PHOTO_OP: "photo_mark",
}


class ProgrammePrinter:
    def __init__(self, sources: PublicSources, texts: PublicTexts, address: str | None) -> None:
        self._sources = sources
        self._texts = texts
        self._address = address

    async def pdf(self, language: str) -> bytes:
        from bot.web.public.pdf_layout import lay_out  # fpdf2: imported with the first PDF

        printed = await self.printed(language)
        # fpdf2 is pure Python: laid out off the event loop, which keeps serving meanwhile.
        return await asyncio.to_thread(lay_out, printed, self._sources.clock.now())

    async def printed(self, language: str) -> Printed:
        agenda = self._sources.agenda
        event = await agenda.event()
        reader = Reader(language, event, await agenda.zone(), agenda.now())
        t = self._texts(language)
        days = []
        for day in await agenda.days():
            found = await agenda.day(day.date)
            sessions = found[1] if found else []
            lines = [_line(reader, t, row) for row in await rows(self._sources, sessions, day.date)]
            heading = f"{reader.day(day.date)} — {reader.text(day.title)}"
            days.append(PrintedDay(heading, tuple(lines)))
        as_of = reader.moment(reader.now)
        return Printed(
            language=language,
            title=f"{reader.text(event.name)} — {t['programme']}",
            subtitle=f"{reader.text(event.venue)}, {reader.text(event.city)}",
            zone=t["times"].format(zone=reader.zone_label),
            legend=t["legend"],
            as_of=" ".join(
                [t["as_of"].format(time=as_of)]
                + ([t["current_at"].format(address=self._address)] if self._address else [])
            ),
            page_label=t["page"],
            days=tuple(days),
        )


def _line(reader: Reader, t: Texts, row: Row) -> Line:
    if row.cancelled is not None:
        return _cancelled(reader, t, row.cancelled)
    assert row.session is not None
    session = row.session
    details = [reader.place(session)]
    names = ", ".join(reader.text(speaker.name) for speaker in session.speakers)
    if names:
        details.append(names)
    details += _changes(reader, t, row.status)
    return Line(
        time=reader.span(session),
        title=reader.text(session.title),
        details=tuple(details),
        mark=t[MARKS[session.press]],
    )


def _changes(reader: Reader, t: Texts, status: Status) -> list[str]:
    lines = []
    if status.planned_start is not None:
        key = "delayed" if State.DELAYED in status.states else "earlier"
        lines.append(t[key].format(time=reader.clock(status.planned_start)))
    if status.planned_room is not None:
        lines.append(t["moved"].format(room=reader.text(status.planned_room)))
    return lines


def _cancelled(reader: Reader, t: Texts, cancelled: CancelledSession) -> Line:
    fields = cancelled.fields
    span = f"{reader.clock(fields.starts_at)}–{reader.clock(fields.ends_at)}"
    return Line(span, reader.text(fields.title), (t["cancelled"],), "", gone=True)
