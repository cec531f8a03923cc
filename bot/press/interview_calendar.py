"""An iCalendar file for a confirmed interview, like ``bot.agenda.calendar``'s sessions.

The UID depends only on the event and the request, and SEQUENCE follows the request's
decisions, so a newer file (a later confirmation) updates the calendar entry in place.
Times carry the event's zone (TZID=Asia/Ashgabat) with its VTIMEZONE.
"""

from __future__ import annotations

from bot.agenda.calendar import PRODUCT_ID
from bot.content.models import Event
from bot.press.interview_values import InterviewRequest


def interview_uid(event: Event, request: InterviewRequest) -> str:
    return f"{event.starts_on:%Y%m%d}-interview-{request.id}@event-desk"


def build_interview_calendar(
    event: Event, request: InterviewRequest, summary: str, description: str, language: str
) -> bytes:
    """``summary`` and ``description`` come translated from the caller."""
    if request.slot is None or request.slot_end is None:
        raise ValueError("only an interview with a slot has a calendar entry")
    # Imported with the first file built: fpdf2, python-docx and icalendar hold ~30 MB.
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

    zone = event.zone
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    entry = CalendarEvent()
    entry.add("uid", interview_uid(event, request))
    entry.add("sequence", request.revision)
    entry.add("dtstamp", request.updated_at)
    entry.add("last-modified", request.updated_at)
    entry.add("dtstart", request.slot.astimezone(zone))
    entry.add("dtend", request.slot_end.astimezone(zone))
    entry.add("status", "CONFIRMED")
    entry.add("summary", summary)
    entry.add("location", f"{event.venue.get(language)}, {event.city.get(language)}")
    entry.add("description", description)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    payload: bytes = calendar.to_ical()  # icalendar ships no type hints
    return payload
