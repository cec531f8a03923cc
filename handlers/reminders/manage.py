"""/reminders: the list of what I follow, removing one or all, the lead time, «My agenda»."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.agenda.calendar import build_calendar
from bot.agenda.service import AgendaService
from bot.feedback.service import FeedbackService
from bot.reminders.service import ReminderService
from bot.reminders.values import LEAD_CHOICES
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.callbacks import answer_callbacks
from handlers.common.views import show
from handlers.reminders.buttons import RemindAction, RemindCb
from handlers.reminders.listing import render_list
from handlers.start.menu import MenuCb, Section


async def reminders_command(
    message: Message,
    user: User,
    reminders: ReminderService,
    agenda: AgendaService,
    feedback: FeedbackService,
) -> None:
    text, markup = await render_list(user, reminders, agenda, feedback)
    await message.answer(text, reply_markup=markup)


async def list_button(
    callback: CallbackQuery,
    user: User,
    reminders: ReminderService,
    agenda: AgendaService,
    feedback: FeedbackService,
) -> None:
    text, markup = await render_list(user, reminders, agenda, feedback)
    await show(callback, text, markup)


async def drop_one(
    callback: CallbackQuery,
    *,
    callback_data: RemindCb,
    user: User,
    reminders: ReminderService,
    agenda: AgendaService,
    feedback: FeedbackService,
    callback_answer: CallbackAnswer,
) -> None:
    removed = await reminders.forget(user.id, callback_data.session)
    text, markup = await render_list(user, reminders, agenda, feedback)
    await show(callback, text, markup)
    callback_answer.text = (
        _("Reminder removed.") if removed else _("This reminder is already gone.")
    )


async def ask_clear(callback: CallbackQuery) -> None:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("Yes, remove all"), callback_data=RemindCb(action=RemindAction.CLEAR_CONFIRMED)
    )
    builder.button(text=_("« Back"), callback_data=RemindCb(action=RemindAction.LIST))
    builder.adjust(1)
    await show(callback, _("Remove all your reminders?"), builder.as_markup())


async def clear(
    callback: CallbackQuery,
    user: User,
    reminders: ReminderService,
    agenda: AgendaService,
    feedback: FeedbackService,
    callback_answer: CallbackAnswer,
) -> None:
    await reminders.forget_all(user.id)
    text, markup = await render_list(user, reminders, agenda, feedback)
    await show(callback, text, markup)
    callback_answer.text = _("All reminders removed.")


async def set_lead(
    callback: CallbackQuery,
    *,
    callback_data: RemindCb,
    user: User,
    reminders: ReminderService,
    agenda: AgendaService,
    feedback: FeedbackService,
    callback_answer: CallbackAnswer,
) -> None:
    if callback_data.lead not in LEAD_CHOICES:
        callback_answer.text = _("This button is out of date. Send /reminders for a fresh one.")
        callback_answer.show_alert = True
        return
    await reminders.set_lead(user.id, callback_data.lead)
    text, markup = await render_list(user, reminders, agenda, feedback)
    await show(callback, text, markup)
    callback_answer.text = ngettext(
        "I will remind you {count} minute before each session.",
        "I will remind you {count} minutes before each session.",
        callback_data.lead,
    ).format(count=callback_data.lead)


async def my_agenda(
    callback: CallbackQuery,
    user: User,
    reminders: ReminderService,
    agenda: AgendaService,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    sessions = await reminders.followed(user.id)
    if not sessions:
        callback_answer.text = _("You follow no sessions yet.")
        callback_answer.show_alert = True
        return
    payload = build_calendar(await agenda.event(), sessions, user.language, await agenda.zone())
    await bot.send_document(
        user.id,
        BufferedInputFile(payload, filename="my-agenda.ics"),
        caption=_("Your sessions. Importing a newer file updates the entries."),
    )


async def feedback_switch(
    callback: CallbackQuery,
    *,
    callback_data: RemindCb,
    user: User,
    reminders: ReminderService,
    agenda: AgendaService,
    feedback: FeedbackService,
    callback_answer: CallbackAnswer,
) -> None:
    """The feedback questions after sessions (and the survey) off or on, from /reminders."""
    if callback_data.action is RemindAction.FEEDBACK_OFF:
        await feedback.opt_out(user)
        callback_answer.text = _("No more feedback questions after sessions.")
    else:
        await feedback.opt_in(user)
        callback_answer.text = _("You will be asked for feedback after the sessions you follow.")
    await show(callback, *await render_list(user, reminders, agenda, feedback))


def router() -> Router:
    router = Router(name="reminders")
    answer_callbacks(router)
    router.message.register(reminders_command, Command("reminders"), F.chat.type == "private")
    buttons = router.callback_query
    buttons.register(list_button, MenuCb.filter(F.section == Section.REMINDERS))
    buttons.register(list_button, RemindCb.filter(F.action == RemindAction.LIST))
    buttons.register(drop_one, RemindCb.filter(F.action == RemindAction.DROP))
    buttons.register(ask_clear, RemindCb.filter(F.action == RemindAction.CLEAR))
    buttons.register(clear, RemindCb.filter(F.action == RemindAction.CLEAR_CONFIRMED))
    buttons.register(set_lead, RemindCb.filter(F.action == RemindAction.LEAD))
    buttons.register(my_agenda, RemindCb.filter(F.action == RemindAction.ICS))
    switches = {RemindAction.FEEDBACK_OFF, RemindAction.FEEDBACK_ON}
    buttons.register(feedback_switch, RemindCb.filter(F.action.in_(switches)))
    return router
