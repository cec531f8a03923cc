"""iCalendar files for one session or the whole programme.

UIDs depend only on the event and the session's data key, and SEQUENCE follows the
session's revision, so importing a newer file updates the calendar entry in place.
"""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from bot.agenda.values import Session, place
from bot.content.models import Event

PRODUCT_ID = "-//Event Desk Bot//EN"


def session_uid(event: Event, session: Session) -> str:
    return f"{event.starts_on:%Y%m%d}-{session.key}@event-desk"


def build_calendar(
    event: Event, sessions: Iterable[Session], language: str, zone: ZoneInfo
) -> bytes:
    # Imported with the first file built: fpdf2, python-docx and icalendar hold ~30 MB.
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", event.short_name.get(language))
    calendar.add("x-wr-timezone", zone.key)
    for session in sessions:
        entry = CalendarEvent()
        entry.add("uid", session_uid(event, session))
        entry.add("sequence", session.revision - 1)
        entry.add("dtstamp", session.updated_at)
        entry.add("last-modified", session.updated_at)
        entry.add("dtstart", session.starts_at.astimezone(zone))
        entry.add("dtend", session.ends_at.astimezone(zone))
        entry.add("summary", session.title.get(language))
        entry.add("location", place(session.room.get(language), event.venue.get(language)))
        lines = [speaker.name.get(language) for speaker in session.speakers]
        if session.description:
            lines.append(session.description.get(language))
        if lines:
            entry.add("description", "\n\n".join(lines))
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    payload: bytes = calendar.to_ical()  # icalendar ships no type hints
    return payload
