"""The /reminders screen: what I follow, how early I am reminded, what I can remove."""

from __future__ import annotations

import datetime as dt
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.agenda.service import AgendaService
from bot.agenda.values import Session
from bot.content.models import Event
from bot.feedback.service import FeedbackService
from bot.reminders.service import ReminderService
from bot.reminders.values import LEAD_CHOICES
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading, time_range
from bot.users.values import User
from handlers.agenda.browse import AgendaCb, AgendaView
from handlers.common.views import event_zone_label
from handlers.reminders.buttons import RemindAction, RemindCb
from handlers.start.menu import MenuCb, Section


async def render_list(
    user: User, reminders: ReminderService, agenda: AgendaService, feedback: FeedbackService
) -> tuple[str, InlineKeyboardMarkup]:
    text, markup = list_view(
        await agenda.event(),
        await reminders.followed(user.id),
        await reminders.lead(user.id),
        await agenda.zone(),
        agenda.now(),
        user.language,
    )
    asked = not await feedback.opted_out(user)
    switch = RemindAction.FEEDBACK_OFF if asked else RemindAction.FEEDBACK_ON
    label = _("⭐ Feedback after sessions: on") if asked else _("⭐ Feedback after sessions: off")
    row = [InlineKeyboardButton(text=label, callback_data=RemindCb(action=switch).pack())]
    return text, InlineKeyboardMarkup(
        inline_keyboard=[*markup.inline_keyboard[:-1], row, markup.inline_keyboard[-1]]
    )


def list_view(
    event: Event,
    sessions: list[Session],
    lead: int,
    zone: ZoneInfo,
    now: dt.datetime,
    language: str,
) -> tuple[str, InlineKeyboardMarkup]:
    builder = InlineKeyboardBuilder()
    if not sessions:
        text = _(
            "<b>My reminders</b>\n\nYou follow no sessions yet. Open a session in the "
            "programme and press «Remind me», or follow a whole day from its page."
        )
        builder.button(text=_("📅 Programme"), callback_data=AgendaCb(view=AgendaView.DAYS))
    else:
        zone_text = escape(event_zone_label(event, zone, now, language))
        text = _followed_text(sessions, lead, zone, zone_text, language)
        _removal_buttons(builder, sessions, zone, language)
    builder.adjust(1)
    leads = InlineKeyboardBuilder()
    for minutes in LEAD_CHOICES:
        label = f"✓ {minutes}" if minutes == lead else str(minutes)
        leads.button(text=label, callback_data=RemindCb(action=RemindAction.LEAD, lead=minutes))
    builder.attach(leads)
    menu = InlineKeyboardBuilder()
    menu.button(text=_("« Menu"), callback_data=MenuCb(section=Section.HOME))
    builder.attach(menu)
    text += "\n\n" + _("Minutes before the start:")
    return text, builder.as_markup()


def _followed_text(
    sessions: list[Session], lead: int, zone: ZoneInfo, zone_text: str, language: str
) -> str:
    blocks = [
        _("<b>My reminders</b>"),
        ngettext(
            "I remind you {count} minute before each session.",
            "I remind you {count} minutes before each session.",
            lead,
        ).format(count=lead),
    ]
    shown_day = None
    for session in sessions:
        day = session.starts_at.astimezone(zone).date()
        if day != shown_day:
            blocks += ["", f"<b>{escape(day_heading(day, language))}</b>"]
            shown_day = day
        blocks.append(
            f"{time_range(session.starts_at, session.ends_at, zone)} "
            f"{escape(session.title.get(language))} · {escape(session.room.get(language))}"
        )
    blocks += ["", _("Times: {zone}").format(zone=zone_text)]
    return paginate(blocks, limit=3800)[0]


def _removal_buttons(
    builder: InlineKeyboardBuilder, sessions: list[Session], zone: ZoneInfo, language: str
) -> None:
    for session in sessions:
        label = f"✖ {time_range(session.starts_at, session.ends_at, zone)} "
        label += shorten(session.title.get(language), 40)
        builder.button(
            text=label, callback_data=RemindCb(action=RemindAction.DROP, session=session.id)
        )
    builder.button(text=_("🗓 My agenda (.ics)"), callback_data=RemindCb(action=RemindAction.ICS))
    builder.button(text=_("🗑 Remove all"), callback_data=RemindCb(action=RemindAction.CLEAR))
