"""The texts of the messages reminders send on their own (``bot.reminders.notices``).

Each is rendered once per language while ``Notifier`` has gettext set to it; its chat id
is filled in for every recipient.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from babel.dates import format_date

from bot.agenda.values import Day, Session, SessionSnapshot
from bot.delivery import Outgoing
from bot.reminders.values import NoticeContext
from bot.telegram.html import paginate
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading, day_label, time_range
from handlers.agenda.browse import AgendaCb, AgendaView, day_key, speaker_line
from handlers.common.views import event_zone_label
from handlers.reminders.buttons import day_toggle, session_toggle

NO_CHAT = 0  # Notifier addresses each copy


class ReminderMessages:
    """Implements ``bot.reminders.notices.ReminderNotices`` with the bot's catalogues."""

    def reminder(
        self, language: str, session: Session, minutes_left: int, ctx: NoticeContext
    ) -> Outgoing:
        lines = [
            _("🔔 <b>{title}</b> starts in {minutes} min.").format(
                title=escape(session.title.get(language)), minutes=minutes_left
            ),
            "",
            f"🕘 {_when(session, ctx, language)}",
            f"📍 {_place(session.room.get(language), ctx, language)}",
        ]
        if session.speakers:
            lines += ["", _("<b>Speakers</b>")]
            lines += [speaker_line(speaker, language) for speaker in session.speakers]
        return Outgoing(NO_CHAT, _page(lines), _details(session))

    def moved(
        self, language: str, session: Session, before: SessionSnapshot, ctx: NoticeContext
    ) -> Outgoing:
        lines = [
            _("✏️ <b>Programme change</b>"),
            "",
            f"<b>{escape(session.title.get(language))}</b>",
        ]
        if session.speakers:
            names = ", ".join(escape(s.name.get(language)) for s in session.speakers)
            lines.append(_("Speakers: {names}").format(names=names))
        lines.append("")
        if (before.starts_at, before.ends_at) != (session.starts_at, session.ends_at):
            old = _slot(before.starts_at, before.ends_at, ctx, language, with_day=True)
            same_day = (
                before.starts_at.astimezone(ctx.zone).date()
                == session.starts_at.astimezone(ctx.zone).date()
            )
            new = _slot(session.starts_at, session.ends_at, ctx, language, not same_day)
            lines.append(_("Time: {before} → {after}").format(before=old, after=new))
        if before.room != session.room:
            lines.append(
                _("Room: {before} → {after}").format(
                    before=escape(before.room.get(language)),
                    after=escape(session.room.get(language)),
                )
            )
        zone = escape(event_zone_label(ctx.event, ctx.zone, ctx.now, language))
        lines += [_("Times: {zone}").format(zone=zone), ""]
        lines.append(_("Your reminder follows the new time."))
        return Outgoing(NO_CHAT, _page(lines), _details(session))

    def cancelled(
        self, language: str, session_id: int, before: SessionSnapshot, ctx: NoticeContext
    ) -> Outgoing:
        when = _slot(before.starts_at, before.ends_at, ctx, language, with_day=True)
        lines = [
            _("❌ <b>Cancelled</b>: {title}").format(title=escape(before.title.get(language))),
            "",
            f"🕘 {when}",
            f"📍 {escape(before.room.get(language))}",
            "",
            _("The session is no longer in the programme; its reminder is cancelled."),
            _(
                "Should it come back, I will tell you and remind you of it again, "
                "unless you press «Don't remind me»."
            ),
        ]
        markup = InlineKeyboardMarkup(inline_keyboard=[[session_toggle(session_id, True)]])
        return Outgoing(NO_CHAT, _page(lines), markup)

    def added(self, language: str, session: Session, ctx: NoticeContext) -> Outgoing:
        lines = [
            _("➕ <b>New in the programme</b> of a day you follow:"),
            "",
            f"<b>{escape(session.title.get(language))}</b>",
            f"🕘 {_when(session, ctx, language)}",
            f"📍 {_place(session.room.get(language), ctx, language)}",
            "",
            _("I added it to your reminders."),
        ]
        return Outgoing(NO_CHAT, _page(lines), _details(session))

    def restored(self, language: str, session: Session, ctx: NoticeContext) -> Outgoing:
        lines = [
            _("♻️ <b>Back in the programme</b>: {title}").format(
                title=escape(session.title.get(language))
            ),
            "",
            f"🕘 {_when(session, ctx, language)}",
            f"📍 {_place(session.room.get(language), ctx, language)}",
            "",
            _("It was cancelled and is on again; it is back in your reminders."),
        ]
        return Outgoing(NO_CHAT, _page(lines), _details(session))

    def day_offer(
        self, language: str, day: Day, sessions: Sequence[Session], ctx: NoticeContext
    ) -> Outgoing:
        lines = [
            _("The day's sessions are over. Next, <b>{day}</b>:").format(
                day=escape(day_label(day.date, language))
            ),
            escape(day.title.get(language)),
            "",
        ]
        lines += [
            f"{time_range(s.starts_at, s.ends_at, ctx.zone)} <b>{escape(s.title.get(language))}</b>"
            for s in sessions
        ]
        zone = escape(event_zone_label(ctx.event, ctx.zone, ctx.now, language))
        lines += ["", _("Times: {zone}").format(zone=zone), ""]
        lines.append(_("Shall I remind you before each of them? One tap is enough."))
        markup = InlineKeyboardMarkup(inline_keyboard=[[day_toggle(day_key(day.date), False)]])
        return Outgoing(NO_CHAT, _page(lines), markup)


def _when(session: Session, ctx: NoticeContext, language: str) -> str:
    return _("{day}, {time} ({zone})").format(
        day=escape(day_heading(session.starts_at.astimezone(ctx.zone).date(), language)),
        time=time_range(session.starts_at, session.ends_at, ctx.zone),
        zone=escape(event_zone_label(ctx.event, ctx.zone, ctx.now, language)),
    )


def _place(room: str, ctx: NoticeContext, language: str) -> str:
    """«room, venue», or the room alone when it already names the venue (the hall is
    often the whole venue: «conference hall, Archabil Hotel» twice otherwise)."""
    venue = ctx.event.venue.get(language)
    if venue.casefold() in room.casefold():
        return escape(room)
    return f"{escape(room)}, {escape(venue)}"


def _slot(
    start: dt.datetime, end: dt.datetime, ctx: NoticeContext, language: str, with_day: bool
) -> str:
    """«Sat 10:00–11:00», or just «11:30–12:30» when the day is already clear."""
    span = time_range(start, end, ctx.zone)
    if not with_day:
        return span
    weekday = format_date(start.astimezone(ctx.zone).date(), "EEE", locale=language)
    return f"{escape(weekday[:1].upper() + weekday[1:])} {span}"


def _details(session: Session) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("Session details"),
        callback_data=AgendaCb(view=AgendaView.SESSION_BELOW, session=session.id),
    )
    return builder.as_markup()


def _page(lines: list[str]) -> str:
    return paginate(["\n".join(lines)])[0]
