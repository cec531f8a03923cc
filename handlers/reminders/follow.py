"""«Remind me» on a session, «Remind me of the whole day» on a day, and their undo.

The buttons sit on other features' messages (a session's detail, a day, the day offer):
the pressed one is swapped in place and the rest of the message stays as it was.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardButton
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.reminders.service import ReminderService
from bot.reminders.values import Subscribed, Subscription
from bot.users.values import User
from handlers.agenda.browse import parse_day_key
from handlers.common.callbacks import answer_callbacks
from handlers.common.views import show
from handlers.reminders.buttons import (
    RemindAction,
    RemindCb,
    day_toggle,
    session_toggle,
    swap_button,
)


async def remind_me(
    callback: CallbackQuery,
    callback_data: RemindCb,
    user: User,
    reminders: ReminderService,
    callback_answer: CallbackAnswer,
) -> None:
    subscription = await reminders.remind(user.id, callback_data.session)
    if subscription.outcome is Subscribed.MISSING:
        refuse(callback_answer, _("This session is no longer in the programme."))
        return
    if subscription.outcome is Subscribed.STARTED:
        refuse(callback_answer, _("This session has already started."))
        return
    await flip(callback, callback_data, session_toggle(callback_data.session, True))
    callback_answer.text = promise(subscription)
    callback_answer.show_alert = subscription.outcome is Subscribed.TOO_SOON


async def dont_remind_me(
    callback: CallbackQuery,
    callback_data: RemindCb,
    user: User,
    reminders: ReminderService,
    callback_answer: CallbackAnswer,
) -> None:
    await reminders.forget(user.id, callback_data.session)
    await flip(callback, callback_data, session_toggle(callback_data.session, False))
    callback_answer.text = _("Reminder removed.")


async def remind_day(
    callback: CallbackQuery,
    callback_data: RemindCb,
    user: User,
    reminders: ReminderService,
    callback_answer: CallbackAnswer,
) -> None:
    day = parse_day_key(callback_data.day)
    sessions = await reminders.follow_day(user.id, day) if day else None
    if sessions is None:
        refuse(callback_answer, _("This day is not in the programme."))
        return
    await flip(callback, callback_data, day_toggle(callback_data.day, True))
    callback_answer.text = ngettext(
        "I will remind you of the {count} session of this day, and of sessions added to it later.",
        "I will remind you of the {count} sessions of this day, and of sessions added to it later.",
        len(sessions),
    ).format(count=len(sessions))


async def forget_day(
    callback: CallbackQuery,
    callback_data: RemindCb,
    user: User,
    reminders: ReminderService,
    callback_answer: CallbackAnswer,
) -> None:
    day = parse_day_key(callback_data.day)
    if day is None:
        refuse(callback_answer, _("This day is not in the programme."))
        return
    await reminders.unfollow_day(user.id, day)
    await flip(callback, callback_data, day_toggle(callback_data.day, False))
    callback_answer.text = _("Reminders for this day removed.")


def promise(subscription: Subscription) -> str:
    """What «Remind me» will do: never «15 min before» when that moment has passed."""
    if subscription.outcome is Subscribed.TOO_SOON:
        return _(
            "The session starts in {minutes} min, sooner than your reminder time "
            "({lead} min): no reminder will come. It stays in your list."
        ).format(minutes=subscription.starts_in_minutes, lead=subscription.lead_minutes)
    return ngettext(
        "I will remind you {count} minute before the start.",
        "I will remind you {count} minutes before the start.",
        subscription.lead_minutes,
    ).format(count=subscription.lead_minutes)


def refuse(callback_answer: CallbackAnswer, text: str) -> None:
    callback_answer.text = text
    callback_answer.show_alert = True


async def flip(callback: CallbackQuery, pressed: RemindCb, new: InlineKeyboardButton) -> None:
    """Swap the pressed toggle in place, leaving the rest of the message as it was."""
    message = callback.message
    if message is None or isinstance(message, InaccessibleMessage):
        return
    markup = swap_button(message.reply_markup, pressed.pack(), new)
    if markup is None or markup == message.reply_markup:
        return
    await show(callback, message.html_text, markup)


def router() -> Router:
    router = Router(name="reminders-follow")
    answer_callbacks(router)
    router.callback_query.register(remind_me, RemindCb.filter(F.action == RemindAction.ON))
    router.callback_query.register(dont_remind_me, RemindCb.filter(F.action == RemindAction.OFF))
    router.callback_query.register(remind_day, RemindCb.filter(F.action == RemindAction.DAY))
    router.callback_query.register(forget_day, RemindCb.filter(F.action == RemindAction.UNDAY))
    return router
