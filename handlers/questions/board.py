"""The moderators' boards in Telegram: each one's message, edited in place.

``BoardMessages`` is the ``BoardView`` the boards' timed job in ``bot/questions/boards.py``
is given (built in ``bot/app.py``).
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.utils.i18n import I18n

from bot.questions.values import Board, BoardMessage
from bot.users.access import AccessService
from handlers.common.views import edit_in_place
from handlers.questions.views import board_view


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
        return await edit_in_place(self._bot, message.chat_id, message.message_id, text, markup)
