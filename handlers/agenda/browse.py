"""/agenda: days → a day's sessions → one session's detail, all in one edited message."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from html import escape
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.agenda.values import Day, Session, Speaker
from bot.content.models import Attendance, Event
from bot.reminders.service import ReminderService
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading, short_day, time_range
from bot.users.values import User
from handlers.agenda.calendar import CalendarCb
from handlers.common.views import event_zone_label, show
from handlers.reminders.buttons import day_toggle, session_toggle
from handlers.start.menu import MenuCb, Section


class AgendaView(StrEnum):
    DAYS = "days"
    DAY = "day"
    SESSION = "s"
    SESSION_BELOW = "sb"
    """The session in a new message: from a reminder or notice, which must stay readable."""


class AgendaCb(CallbackData, prefix="ag"):
    view: AgendaView
    day: str = ""
    session: int = 0
    page: int = 0


def day_key(date: dt.date) -> str:
    return date.strftime("%Y%m%d")


def parse_day_key(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


def speaker_line(speaker: Speaker, language: str) -> str:
    role = speaker.role.get(language)
    parts = [f"<b>{escape(speaker.name.get(language))}</b> — {escape(role)}"]
    organisation = speaker.organisation.get(language) if speaker.organisation else ""
    if organisation and organisation.lower() not in role.lower():
        parts.append(f"· {escape(organisation)}")
    if speaker.attendance is Attendance.ONLINE:
        parts.append(_("(online)"))
    return "• " + " ".join(parts)


async def days_view(agenda: AgendaService, language: str) -> tuple[str, InlineKeyboardMarkup]:
    event = await agenda.event()
    days = await agenda.days()
    lines = [_("<b>Programme</b> of the {event}").format(event=escape(event.name.get(language)))]
    lines.append(escape(event.venue.get(language)))
    lines += ["", _("Choose a day:")]
    builder = InlineKeyboardBuilder()
    for day in days:
        label = f"{short_day(day.date, language)} · {shorten(day.title.get(language), 30)}"
        builder.button(
            text=label, callback_data=AgendaCb(view=AgendaView.DAY, day=day_key(day.date))
        )
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
    event: Event,
    day: Day,
    sessions: list[Session],
    page: int,
    now: dt.datetime,
    zone: ZoneInfo,
    language: str,
    following: bool = False,
) -> tuple[str, InlineKeyboardMarkup]:
    header = [
        f"<b>{escape(day_heading(day.date, language))}</b>",
        escape(day.title.get(language)),
        _("Times: {zone}").format(zone=escape(event_zone_label(event, zone, now, language))),
        "",
    ]
    blocks = [
        f"{time_range(s.starts_at, s.ends_at, zone)} <b>{escape(s.title.get(language))}</b>"
        f"{_status(s, now)}"
        for s in sessions
    ] or [_("No sessions on this day.")]
    pages = paginate(blocks, limit=3500)
    page = min(max(page, 0), len(pages) - 1)
    text = "\n".join(header) + pages[page]
    builder = InlineKeyboardBuilder()
    for session in sessions:
        label = f"{time_range(session.starts_at, session.ends_at, zone)} "
        label += shorten(session.title.get(language), 40)
        builder.button(
            text=label, callback_data=AgendaCb(view=AgendaView.SESSION, session=session.id)
        )
    if any(not s.is_over(now) for s in sessions):
        builder.add(day_toggle(day_key(day.date), following))
    nav = InlineKeyboardBuilder()
    if len(pages) > 1:
        for target, arrow in ((page - 1, "‹"), (page + 1, "›")):
            if 0 <= target < len(pages):
                data = AgendaCb(view=AgendaView.DAY, day=day_key(day.date), page=target)
                nav.button(text=arrow, callback_data=data)
    nav.button(text=_("« Days"), callback_data=AgendaCb(view=AgendaView.DAYS))
    builder.adjust(1)
    builder.attach(nav)
    return text, builder.as_markup()


def session_view(
    event: Event,
    session: Session,
    now: dt.datetime,
    zone: ZoneInfo,
    language: str,
    subscribed: bool = False,
) -> tuple[str, InlineKeyboardMarkup]:
    when = _("{day}, {time} ({zone})").format(
        day=escape(day_heading(session.starts_at.astimezone(zone).date(), language)),
        time=time_range(session.starts_at, session.ends_at, zone),
        zone=escape(event_zone_label(event, zone, now, language)),
    )
    lines = [f"<b>{escape(session.title.get(language))}</b>", "", f"🕘 {when}"]
    lines.append(f"📍 {escape(session.room.get(language))}, {escape(event.venue.get(language))}")
    if session.is_over(now):
        lines.append(_("✓ This session is over."))
    elif session.is_on(now):
        lines.append(_("● On now."))
    if session.times_illustrative:
        lines.append(_("<i>The time is provisional.</i>"))
    if session.speakers:
        lines += ["", _("<b>Speakers</b>")]
        lines += [speaker_line(speaker, language) for speaker in session.speakers]
    if session.description:
        lines += ["", escape(session.description.get(language))]
    text = paginate(["\n".join(lines)])[0]
    builder = InlineKeyboardBuilder()
    if session.starts_at > now:
        builder.add(session_toggle(session.id, subscribed))
    builder.button(text=_("🗓 Add to calendar"), callback_data=CalendarCb(session=session.id))
    builder.button(
        text=_("« Back to the day"),
        callback_data=AgendaCb(view=AgendaView.DAY, day=day_key(session.day)),
    )
    builder.adjust(1)
    return text, builder.as_markup()


def router() -> Router:
    router = Router(name="agenda")

    @router.message(Command("agenda"), F.chat.type == "private")
    async def agenda_command(message: Message, user: User, agenda: AgendaService) -> None:
        text, markup = await days_view(agenda, user.language)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(MenuCb.filter(F.section == Section.AGENDA))
    @router.callback_query(AgendaCb.filter(F.view == AgendaView.DAYS))
    async def days_button(callback: CallbackQuery, user: User, agenda: AgendaService) -> None:
        text, markup = await days_view(agenda, user.language)
        await show(callback, text, markup)
        await callback.answer()

    @router.callback_query(AgendaCb.filter(F.view == AgendaView.DAY))
    async def day_button(
        callback: CallbackQuery,
        callback_data: AgendaCb,
        user: User,
        agenda: AgendaService,
        reminders: ReminderService,
    ) -> None:
        date = parse_day_key(callback_data.day)
        found = await agenda.day(date) if date else None
        if found is None:
            await callback.answer(_("This day is not in the programme."), show_alert=True)
            return
        day, sessions = found
        text, markup = day_view(
            await agenda.event(),
            day,
            sessions,
            callback_data.page,
            agenda.now(),
            await agenda.zone(),
            user.language,
            await reminders.follows_day(user.id, day.date),
        )
        await show(callback, text, markup)
        await callback.answer()

    @router.callback_query(
        AgendaCb.filter(F.view.in_({AgendaView.SESSION, AgendaView.SESSION_BELOW}))
    )
    async def session_button(
        callback: CallbackQuery,
        callback_data: AgendaCb,
        user: User,
        agenda: AgendaService,
        reminders: ReminderService,
    ) -> None:
        session = await agenda.session(callback_data.session)
        if session is None:
            await callback.answer(_("This session is no longer in the programme."), show_alert=True)
            return
        text, markup = session_view(
            await agenda.event(),
            session,
            agenda.now(),
            await agenda.zone(),
            user.language,
            await reminders.is_subscribed(user.id, session.id),
        )
        if callback_data.view is AgendaView.SESSION_BELOW:
            await callback.bot.send_message(user.id, text, reply_markup=markup)  # type: ignore[union-attr]
        else:
            await show(callback, text, markup)
        await callback.answer()

    return router
