"""/mydata sends a copy of everything the bot keeps about the person; /forget asks once,
then erases it. Both act on the sender only: the services take the acting user."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.delivery.notify import LanguageScope
from bot.privacy.service import PrivacyService
from bot.privacy.values import CopySender, PersonalCopy
from bot.telegram.keyboard import InlineKeyboardBuilder
from bot.users.values import User
from handlers.common.views import show
from handlers.privacy.views import summary


class ForgetCb(CallbackData, prefix="pv"):
    erase: bool


def confirm_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("🗑 Yes, erase everything"), callback_data=ForgetCb(erase=True))
    builder.button(text=_("Keep my data"), callback_data=ForgetCb(erase=False))
    builder.adjust(1)
    return builder.as_markup()


async def privacy_notice(message: Message, user: User, privacy: PrivacyService) -> None:
    text = privacy.notice(user.language)
    await message.answer(text or _("The privacy notice is not available right now."))


async def send_copy(
    bot: Bot, scope: LanguageScope, privacy: PrivacyService, user: User
) -> PersonalCopy:
    """The copy to the person's chat: a summary in their language and the JSON file.
    /mydata and the Mini App's «Send me my data» both come here."""
    copy = await privacy.copy(user)
    with scope(user.language):
        text = summary(copy)
        caption = _("Your data as JSON: every record, every field.")
    await bot.send_message(user.id, text)
    await bot.send_document(
        user.id, BufferedInputFile(copy.as_json(), filename="my-data.json"), caption=caption
    )
    return copy


async def my_data(message: Message, user: User, privacy_copy: CopySender) -> None:
    await privacy_copy(user)


async def forget(message: Message) -> None:
    await message.answer(
        _(
            "<b>Erase everything the bot keeps about you?</b>\n\n"
            "Your profile, follows, requests, questions, votes, ratings, survey answers, "
            "calendar link and messages go at once and cannot be brought back. Counts for "
            "the statistics stay, with nothing that names you. /mydata first gives you a copy."
        ),
        reply_markup=confirm_keyboard(),
    )


async def forget_answer(
    callback: CallbackQuery, callback_data: ForgetCb, user: User, privacy: PrivacyService
) -> None:
    if not callback_data.erase:
        await show(callback, _("Nothing was erased."))
        return
    await privacy.forget(user)
    await show(
        callback,
        _(
            "Done: everything the bot kept about you is erased. If you write again, "
            "it will greet you as someone new."
        ),
    )


def setup(router: Router) -> None:
    router.message.register(privacy_notice, Command("privacy"))
    router.message.register(my_data, Command("mydata"))
    router.message.register(forget, Command("forget"))
    router.callback_query.register(forget_answer, ForgetCb.filter())
