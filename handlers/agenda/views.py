"""How the programme reads in chat: the days, one day's sessions, one session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.agenda.values import Day, Session, Speaker, place
from bot.content.models import Attendance, Event
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading, short_day, time_range
from handlers.agenda.callbacks import AgendaCb, AgendaView, CalendarCb, day_key
from handlers.common.press_access import press_access_line
from handlers.common.views import event_zone_label
from handlers.programme.callbacks import change_button
from handlers.questions.callbacks import question_buttons, questions_moment
from handlers.reminders.buttons import day_toggle, session_toggle
from handlers.start.menu import MenuCb, Section
from handlers.venue.callbacks import hall_button

View = tuple[str, InlineKeyboardMarkup]
DAY_PAGE_LIMIT = 3500
"""Characters of one day's page: the heading and the buttons' text come on top."""


@dataclass(frozen=True, slots=True)
class Frame:
    """What every programme view needs besides its subject: the event, the moment, the
    zone times are shown in and the reader's language."""

    event: Event
    now: dt.datetime
    zone: ZoneInfo
    language: str
    for_press: bool = False
    """Journalists and organisers also see whether the press may cover a session."""

    @property
    def zone_label(self) -> str:
        return escape(event_zone_label(self.event, self.zone, self.now, self.language))

    def span(self, session: Session) -> str:
        return time_range(session.starts_at, session.ends_at, self.zone)


async def frame_for(agenda: AgendaService, language: str) -> Frame:
    return Frame(await agenda.event(), agenda.now(), await agenda.zone(), language)


def speaker_line(speaker: Speaker, language: str) -> str:
    role = speaker.role.get(language)
    parts = [f"<b>{escape(speaker.name.get(language))}</b> — {escape(role)}"]
    organisation = speaker.organisation.get(language) if speaker.organisation else ""
    if organisation and organisation.lower() not in role.lower():
        parts.append(f"· {escape(organisation)}")
    if speaker.attendance is Attendance.ONLINE:
        parts.append(_("(online)"))
    return "• " + " ".join(parts)


def days_view(
    event: Event, days: list[Day], language: str, app: InlineKeyboardButton | None = None
) -> View:
    """The days; ``app`` opens the same programme as a Mini App (when the bot has one)."""
    lines = [
        _("<b>Programme</b> of the {event}").format(event=escape(event.name.get(language))),
        escape(event.venue.get(language)),
        "",
        _("Choose a day:"),
    ]
    builder = InlineKeyboardBuilder()
    for day in days:
        label = f"{short_day(day.date, language)} · {shorten(day.title.get(language), 30)}"
        builder.button(
            text=label, callback_data=AgendaCb(view=AgendaView.DAY, day=day_key(day.date))
        )
    if app is not None:
        builder.add(app)
    builder.button(text=_("🗓 Whole programme (.ics)"), callback_data=CalendarCb(session=0))
    builder.button(text=_("« Menu"), callback_data=MenuCb(section=Section.HOME))
    builder.adjust(1)
    return "\n".join(lines), builder.as_markup()


def _status(session: Session, now: dt.datetime) -> str:
    if session.is_over(now):
        return " " + _("✓ over")
    if session.is_on(now):
        return " " + _("● on now")
    return ""


def day_view(
    frame: Frame, day: Day, sessions: list[Session], page: int, following: bool = False
) -> View:
    """One day's sessions, paged when long, a button each, the day's reminder toggle."""
    language = frame.language
    header = [
        f"<b>{escape(day_heading(day.date, language))}</b>",
        escape(day.title.get(language)),
        _("Times: {zone}").format(zone=frame.zone_label),
        "",
    ]
    blocks = [
        f"{frame.span(s)} <b>{escape(s.title.get(language))}</b>{_status(s, frame.now)}"
        for s in sessions
    ] or [_("No sessions on this day.")]
    pages = paginate(blocks, limit=DAY_PAGE_LIMIT)
    page = min(max(page, 0), len(pages) - 1)
    builder = InlineKeyboardBuilder()
    for session in sessions:
        label = f"{frame.span(session)} {shorten(session.title.get(language), 40)}"
        builder.button(
            text=label, callback_data=AgendaCb(view=AgendaView.SESSION, session=session.id)
        )
    if any(not s.is_over(frame.now) for s in sessions):
        builder.add(day_toggle(day_key(day.date), following))
    builder.adjust(1)
    builder.attach(_day_navigation(day, page, len(pages)))
    return "\n".join(header) + pages[page], builder.as_markup()


def day_moment(frame: Frame, sessions: list[Session]) -> Hashable:
    """Everything of the time ``day_view`` shows: the zone's name (its offset may change)
    and whether each session is on or over. Kept day pages are keyed by it."""
    now = frame.now
    return frame.zone_label, tuple((s.is_on(now), s.is_over(now)) for s in sessions)


def _day_navigation(day: Day, page: int, pages: int) -> InlineKeyboardBuilder:
    nav = InlineKeyboardBuilder()
    for target, arrow in ((page - 1, "‹"), (page + 1, "›")):
        if pages > 1 and 0 <= target < pages:
            data = AgendaCb(view=AgendaView.DAY, day=day_key(day.date), page=target)
            nav.button(text=arrow, callback_data=data)
    nav.button(text=_("« Days"), callback_data=AgendaCb(view=AgendaView.DAYS))
    return nav


def session_view(
    frame: Frame, session: Session, subscribed: bool = False, organiser: bool = False
) -> View:
    """A session's detail: when, where, who speaks, and what to do with it."""
    builder = InlineKeyboardBuilder()
    if session.starts_at > frame.now:
        builder.add(session_toggle(session.id, subscribed))
    builder.add(*question_buttons(session, frame.now))
    builder.button(text=_("🗓 Add to calendar"), callback_data=CalendarCb(session=session.id))
    builder.add(hall_button(session.id))
    if organiser:
        builder.add(change_button(session.id))
    builder.button(
        text=_("« Back to the day"),
        callback_data=AgendaCb(view=AgendaView.DAY, day=day_key(session.day)),
    )
    builder.adjust(1)
    return paginate(["\n".join(_session_lines(frame, session))])[0], builder.as_markup()


def session_moment(frame: Frame, session: Session) -> Hashable:
    """Everything of the time ``session_view`` shows: the zone's name, whether it is yet
    to start (the reminder toggle), on or over, and its questions' buttons. Kept session
    pages are keyed by it."""
    now = frame.now
    return (
        frame.zone_label,
        session.starts_at > now,
        session.is_on(now),
        session.is_over(now),
        questions_moment(session, now),
    )


def _session_lines(frame: Frame, session: Session) -> list[str]:
    language = frame.language
    when = _("{day}, {time} ({zone})").format(
        day=escape(day_heading(session.starts_at.astimezone(frame.zone).date(), language)),
        time=frame.span(session),
        zone=frame.zone_label,
    )
    where = place(session.room.get(language), frame.event.venue.get(language))
    lines = [
        f"<b>{escape(session.title.get(language))}</b>",
        "",
        f"🕘 {when}",
        f"📍 {escape(where)}",
    ]
    if session.is_over(frame.now):
        lines.append(_("✓ This session is over."))
    elif session.is_on(frame.now):
        lines.append(_("● On now."))
    if session.times_illustrative:
        lines.append(_("<i>The time is provisional.</i>"))
    lines += [press_access_line(session.press)] if frame.for_press else []
    if session.speakers:
        lines += ["", _("<b>Speakers</b>")]
        lines += [speaker_line(speaker, language) for speaker in session.speakers]
    if session.description:
        lines += ["", escape(session.description.get(language))]
    return lines
