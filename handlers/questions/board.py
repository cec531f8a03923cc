"""The moderators' boards in Telegram: each one's message, edited in place.

``BoardMessages`` is the ``BoardView`` the boards' timed job in ``bot/questions/boards.py``
is given (built in ``bot/app.py``).
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.utils.i18n import I18n

from bot.questions.values import Board, BoardMessage
from bot.users.access import AccessService
from handlers.questions.views import board_view

log = logging.getLogger(__name__)


class BoardMessages:
    def __init__(self, bot: Bot, i18n: I18n, access: AccessService) -> None:
        self._bot = bot
        self._i18n = i18n
        self._access = access

    async def show(self, message: BoardMessage, board: Board) -> bool:
        """Edit the board; False once the message cannot be edited any more."""
        organiser = await self._access.is_organiser(message.chat_id)
        with self._i18n.context(), self._i18n.use_locale(message.language):
            text, markup = board_view(board, message.language, organiser)
        try:
            await self._bot.edit_message_text(
                text=text,
                chat_id=message.chat_id,
                message_id=message.message_id,
                reply_markup=markup,
            )
        except TelegramForbiddenError:
            return False  # the moderator blocked the bot
        except TelegramBadRequest as error:
            if "message is not modified" in error.message:
                return True
            log.info("board %s in chat %s: %s", message.session_id, message.chat_id, error.message)
            return False
        return True
