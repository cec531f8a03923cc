"""/moderate: the sessions a person moderates, a session's board, moderator links.

The board message is remembered, so upvotes and decisions refresh it in place. Every
button checks that the person moderates the session (the service checks again).
"""

from __future__ import annotations

from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.deep_linking import create_start_link
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService
from bot.invites.service import InviteError, InviteService
from bot.questions.moderation import ModerationService
from bot.questions.values import BoardMessage
from bot.users.values import User
from handlers.common.views import show
from handlers.questions.callbacks import Moderate, ModerateCb
from handlers.questions.views import board_view, not_a_moderator, sessions_view


def alert(answer: CallbackAnswer, text: str) -> None:
    answer.text = text
    answer.show_alert = True


def gone() -> str:
    return _("This session is no longer in the programme.")


async def moderate_command(
    message: Message, user: User, moderation: ModerationService, agenda: AgendaService
) -> None:
    sessions = await moderation.sessions(user)
    if not sessions and not user.is_organiser:
        await message.answer(not_a_moderator())
        return
    text, markup = sessions_view(sessions, await agenda.zone(), user.language)
    await message.answer(text, reply_markup=markup)


async def show_board(
    callback: CallbackQuery, user: User, moderation: ModerationService, session_id: int
) -> bool:
    """Show the board in the pressed message and remember it; False if the session is gone."""
    board = await moderation.board(user, session_id)
    if board is None:
        return False
    await show(callback, *board_view(board, user.language, user.is_organiser))
    message = callback.message
    if isinstance(message, Message):
        shown = BoardMessage(session_id, message.chat.id, message.message_id, user.language)
        await moderation.keep_board(user, shown)
    return True


async def board_button(
    callback: CallbackQuery,
    callback_data: ModerateCb,
    callback_answer: CallbackAnswer,
    user: User,
    moderation: ModerationService,
) -> None:
    if not await moderation.may_moderate(user, callback_data.session):
        alert(callback_answer, not_a_moderator())
    elif not await show_board(callback, user, moderation, callback_data.session):
        alert(callback_answer, gone())


async def invite_button(
    callback: CallbackQuery,
    callback_data: ModerateCb,
    callback_answer: CallbackAnswer,
    user: User,
    invites: InviteService,
    bot: Bot,
) -> None:
    """A single-use link naming whoever opens it a moderator of this session."""
    try:
        invite = await invites.create_moderator(user, callback_data.session)
    except InviteError:
        alert(callback_answer, gone())
        return
    link = await create_start_link(bot, InviteService.payload(invite))
    await bot.send_message(
        user.id,
        _(
            "A moderator link, for one person:\n{link}\n\nWhoever opens it sees this "
            "session's incoming questions and board. /invites lists open links."
        ).format(link=escape(link)),
    )
    callback_answer.text = _("Link created.")


def setup(router: Router) -> None:
    router.message.register(moderate_command, Command("moderate"))
    router.callback_query.register(board_button, ModerateCb.filter(F.action == Moderate.BOARD))
    router.callback_query.register(invite_button, ModerateCb.filter(F.action == Moderate.INVITE))
