"""/reminders and the «Remind me» buttons: what I follow, lead time, «My agenda» (.ics)."""

from __future__ import annotations

import datetime as dt
from html import escape
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InaccessibleMessage,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.i18n import gettext as _

from bot.agenda.calendar import build_calendar
from bot.agenda.service import AgendaService
from bot.agenda.values import Session
from bot.content.models import Event
from bot.reminders.service import LEAD_CHOICES, ReminderService, Subscribed
from bot.telegram.html import paginate, shorten
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.time.display import day_heading, time_range
from bot.users.values import User
from handlers.agenda.browse import AgendaCb, AgendaView, parse_day_key
from handlers.common.views import event_zone_label, show
from handlers.reminders.buttons import (
    RemindAction,
    RemindCb,
    day_toggle,
    session_toggle,
    swap_button,
)
from handlers.start.menu import MenuCb, Section


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
        blocks = [
            _("<b>My reminders</b>"),
            _("I remind you {minutes} minutes before each session.").format(minutes=lead),
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
        zone_text = escape(event_zone_label(event, zone, now, language))
        blocks += ["", _("Times: {zone}").format(zone=zone_text)]
        text = paginate(blocks, limit=3800)[0]
        for session in sessions:
            label = f"✖ {time_range(session.starts_at, session.ends_at, zone)} "
            label += shorten(session.title.get(language), 40)
            builder.button(
                text=label, callback_data=RemindCb(action=RemindAction.DROP, session=session.id)
            )
        builder.button(
            text=_("🗓 My agenda (.ics)"), callback_data=RemindCb(action=RemindAction.ICS)
        )
        builder.button(text=_("🗑 Remove all"), callback_data=RemindCb(action=RemindAction.CLEAR))
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


async def render_list(
    user: User, reminders: ReminderService, agenda: AgendaService
) -> tuple[str, InlineKeyboardMarkup]:
    return list_view(
        await agenda.event(),
        await reminders.followed(user.id),
        await reminders.lead(user.id),
        await agenda.zone(),
        agenda.now(),
        user.language,
    )


async def flip(callback: CallbackQuery, pressed: RemindCb, new: InlineKeyboardButton) -> None:
    """Swap the pressed toggle in place, leaving the rest of the message as it was."""
    message = callback.message
    if message is None or isinstance(message, InaccessibleMessage):
        return
    markup = swap_button(message.reply_markup, pressed.pack(), new)
    if markup is None:
        return
    try:
        await message.edit_reply_markup(reply_markup=markup)
    except TelegramBadRequest as error:
        if "message is not modified" not in error.message:  # a double tap is not an error
            raise


def router() -> Router:
    router = Router(name="reminders")

    @router.message(Command("reminders"), F.chat.type == "private")
    async def reminders_command(
        message: Message, user: User, reminders: ReminderService, agenda: AgendaService
    ) -> None:
        text, markup = await render_list(user, reminders, agenda)
        await message.answer(text, reply_markup=markup)

    @router.callback_query(MenuCb.filter(F.section == Section.REMINDERS))
    @router.callback_query(RemindCb.filter(F.action == RemindAction.LIST))
    async def list_button(
        callback: CallbackQuery, user: User, reminders: ReminderService, agenda: AgendaService
    ) -> None:
        text, markup = await render_list(user, reminders, agenda)
        await show(callback, text, markup)
        await callback.answer()

    @router.callback_query(RemindCb.filter(F.action == RemindAction.ON))
    async def remind_me(
        callback: CallbackQuery, callback_data: RemindCb, user: User, reminders: ReminderService
    ) -> None:
        result = await reminders.remind(user.id, callback_data.session)
        if result is Subscribed.MISSING:
            await callback.answer(_("This session is no longer in the programme."), show_alert=True)
            return
        if result is Subscribed.STARTED:
            await callback.answer(_("This session has already started."), show_alert=True)
            return
        await flip(callback, callback_data, session_toggle(callback_data.session, True))
        lead = await reminders.lead(user.id)
        await callback.answer(
            _("I will remind you {minutes} minutes before the start.").format(minutes=lead)
        )

    @router.callback_query(RemindCb.filter(F.action == RemindAction.OFF))
    async def dont_remind_me(
        callback: CallbackQuery, callback_data: RemindCb, user: User, reminders: ReminderService
    ) -> None:
        await reminders.forget(user.id, callback_data.session)
        await flip(callback, callback_data, session_toggle(callback_data.session, False))
        await callback.answer(_("Reminder removed."))

    @router.callback_query(RemindCb.filter(F.action == RemindAction.DAY))
    async def remind_day(
        callback: CallbackQuery, callback_data: RemindCb, user: User, reminders: ReminderService
    ) -> None:
        day = parse_day_key(callback_data.day)
        sessions = await reminders.follow_day(user.id, day) if day else None
        if sessions is None:
            await callback.answer(_("This day is not in the programme."), show_alert=True)
            return
        await flip(callback, callback_data, day_toggle(callback_data.day, True))
        await callback.answer(
            _(
                "I will remind you of {count} session(s) of this day, and of sessions "
                "added to it later."
            ).format(count=len(sessions))
        )

    @router.callback_query(RemindCb.filter(F.action == RemindAction.UNDAY))
    async def forget_day(
        callback: CallbackQuery, callback_data: RemindCb, user: User, reminders: ReminderService
    ) -> None:
        day = parse_day_key(callback_data.day)
        if day is None:
            await callback.answer(_("This day is not in the programme."), show_alert=True)
            return
        await reminders.unfollow_day(user.id, day)
        await flip(callback, callback_data, day_toggle(callback_data.day, False))
        await callback.answer(_("Reminders for this day removed."))

    @router.callback_query(RemindCb.filter(F.action == RemindAction.DROP))
    async def drop_one(
        callback: CallbackQuery,
        callback_data: RemindCb,
        user: User,
        reminders: ReminderService,
        agenda: AgendaService,
    ) -> None:
        removed = await reminders.forget(user.id, callback_data.session)
        text, markup = await render_list(user, reminders, agenda)
        await show(callback, text, markup)
        await callback.answer(
            _("Reminder removed.") if removed else _("This reminder is already gone.")
        )

    @router.callback_query(RemindCb.filter(F.action == RemindAction.CLEAR))
    async def ask_clear(callback: CallbackQuery) -> None:
        builder = InlineKeyboardBuilder()
        builder.button(
            text=_("Yes, remove all"),
            callback_data=RemindCb(action=RemindAction.CLEAR_CONFIRMED),
        )
        builder.button(text=_("« Back"), callback_data=RemindCb(action=RemindAction.LIST))
        builder.adjust(1)
        await show(callback, _("Remove all your reminders?"), builder.as_markup())
        await callback.answer()

    @router.callback_query(RemindCb.filter(F.action == RemindAction.CLEAR_CONFIRMED))
    async def clear(
        callback: CallbackQuery, user: User, reminders: ReminderService, agenda: AgendaService
    ) -> None:
        await reminders.forget_all(user.id)
        text, markup = await render_list(user, reminders, agenda)
        await show(callback, text, markup)
        await callback.answer(_("All reminders removed."))

    @router.callback_query(RemindCb.filter(F.action == RemindAction.LEAD))
    async def set_lead(
        callback: CallbackQuery,
        callback_data: RemindCb,
        user: User,
        reminders: ReminderService,
        agenda: AgendaService,
    ) -> None:
        if callback_data.lead not in LEAD_CHOICES:
            await callback.answer(
                _("This button is out of date. Send /reminders for a fresh one."), show_alert=True
            )
            return
        await reminders.set_lead(user.id, callback_data.lead)
        text, markup = await render_list(user, reminders, agenda)
        await show(callback, text, markup)
        await callback.answer(
            _("I will remind you {minutes} minutes before each session.").format(
                minutes=callback_data.lead
            )
        )

    @router.callback_query(RemindCb.filter(F.action == RemindAction.ICS))
    async def my_agenda(
        callback: CallbackQuery,
        user: User,
        reminders: ReminderService,
        agenda: AgendaService,
        bot: Bot,
    ) -> None:
        sessions = await reminders.followed(user.id)
        if not sessions:
            await callback.answer(_("You follow no sessions yet."), show_alert=True)
            return
        payload = build_calendar(await agenda.event(), sessions, user.language, await agenda.zone())
        await bot.send_document(
            user.id,
            BufferedInputFile(payload, filename="my-agenda.ics"),
            caption=_("Your sessions. Importing a newer file updates the entries."),
        )
        await callback.answer()

    return router
