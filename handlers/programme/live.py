"""/live: the «Now / next» message an organiser posts in a group or channel, and its text.

In a group, an organiser sends ``/live`` there (optionally ``/live en``). A channel's
posts do not say who wrote them, so for a channel the organiser sends
``/live <chat id>`` to the bot in private. Either way the bot must be an admin there.
``LiveMessages`` is the Telegram side of ``bot.programme.boards.LiveBoards``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from html import escape
from zoneinfo import ZoneInfo

from aiogram import Bot, F, Router
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
)
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.agenda.service import AgendaService, NowAndNext, Phase
from bot.agenda.values import Session
from bot.i18n.catalogues import SUPPORTED
from bot.programme.boards import Edited, LiveBoards, Posted
from bot.telegram.html import paginate
from bot.time.display import clock_time, day_heading, time_range
from bot.users.values import User
from handlers.common.views import event_zone_label

log = logging.getLogger(__name__)
CHAT_ID = re.compile(r"^-?\d{1,20}$")
GONE = ("message to edit not found", "message can't be edited", "chat not found")


class LiveMessages:
    """Implements ``bot.programme.boards.BoardPublisher``."""

    def __init__(self, bot: Bot, i18n: I18n, agenda: AgendaService) -> None:
        self._bot = bot
        self._i18n = i18n
        self._agenda = agenda

    async def render(self, language: str, state: NowAndNext) -> str:
        event, zone = await self._agenda.event(), await self._agenda.zone()
        now = self._agenda.now()
        with self._i18n.context(), self._i18n.use_locale(language):
            lines = [
                _("📺 <b>{event}: now and next</b>").format(
                    event=escape(event.short_name.get(language))
                ),
                "",
                *_state_lines(state, zone, now, language),
                "",
                _("Times: {zone}").format(
                    zone=escape(event_zone_label(event, zone, now, language))
                ),
            ]
        return paginate(["\n".join(lines)])[0]

    async def is_admin(self, chat_id: int) -> bool:
        try:
            member = await self._bot.get_chat_member(chat_id, self._bot.id)
        except TelegramAPIError:
            return False
        return member.status in ("administrator", "creator")

    async def post(self, chat_id: int, text: str) -> int:
        return (await self._bot.send_message(chat_id, text)).message_id

    async def edit(self, chat_id: int, message_id: int, text: str) -> Edited:
        try:
            await self._bot.edit_message_text(text=text, chat_id=chat_id, message_id=message_id)
        except TelegramBadRequest as error:
            if "message is not modified" in error.message:
                return Edited.UNCHANGED
            if any(reason in error.message for reason in GONE):
                return Edited.GONE
            log.warning("live message %s in %s: %s", message_id, chat_id, error.message)
            return Edited.FAILED
        except TelegramForbiddenError:
            return Edited.GONE  # the bot was removed from the chat
        except (TelegramAPIError, TelegramNetworkError) as error:
            log.warning("live message %s in %s: %r", message_id, chat_id, error)
            return Edited.FAILED
        return Edited.EDITED


def _line(session: Session, zone: ZoneInfo, language: str) -> str:
    span = time_range(session.starts_at, session.ends_at, zone)
    title = escape(session.title.get(language))
    line = f"{span} <b>{title}</b> · {escape(session.room.get(language))}"
    if session.marked_start is not None and session.marked_start != session.starts_at:
        started = clock_time(session.marked_start, zone)
        line += " " + _("(began {time})").format(time=started)
    return line


def _state_lines(state: NowAndNext, zone: ZoneInfo, now: dt.datetime, language: str) -> list[str]:
    if state.phase is Phase.OVER:
        return [_("The meeting has ended. Thank you!")]
    lines = [_("<b>Now</b>")]
    lines += [_line(s, zone, language) for s in state.current] or [_("Nothing is on right now.")]
    upcoming = state.next
    if upcoming is None:
        return lines
    lines += ["", _("<b>Next</b>")]
    day = upcoming.starts_at.astimezone(zone).date()
    if day != now.astimezone(zone).date():
        lines.append(escape(day_heading(day, language)))
    return [*lines, _line(upcoming, zone, language)]


def _language(command: CommandObject, user: User) -> str:
    words = (command.args or "").split()
    return next((w for w in words if w in SUPPORTED), user.language)


async def live_here(
    message: Message, command: CommandObject, user: User, live_boards: LiveBoards
) -> None:
    """``/live`` in a group: the message goes right there."""
    posted = await live_boards.post(user, message.chat.id, _language(command, user))
    if posted is Posted.NOT_ADMIN:
        await message.answer(_("Make me an admin of this chat, then send /live again."))


async def live_elsewhere(
    message: Message, command: CommandObject, user: User, live_boards: LiveBoards, bot: Bot
) -> None:
    """``/live <chat id>`` in private: for channels (and groups) where the bot is admin."""
    target = next((w for w in (command.args or "").split() if CHAT_ID.match(w)), None)
    if target is None:
        await message.answer(
            _(
                "Send /live in the group where the message should be, or here "
                "«/live chat-id» for a channel (e.g. /live -1001234567890). "
                "I must be an admin there."
            )
        )
        return
    try:
        chat = await bot.get_chat(int(target))
    except TelegramAPIError:
        await message.answer(_("I cannot see that chat. Add me to it as an admin first."))
        return
    posted = await live_boards.post(user, chat.id, _language(command, user))
    if posted is Posted.NOT_ADMIN:
        await message.answer(_("Make me an admin of that chat first, then send /live again."))
        return
    title = escape(chat.title or str(chat.id))
    await message.answer(
        _("📺 Posted in «{chat}». I keep it up to date as the programme moves.").format(chat=title)
    )


def router() -> Router:
    router = Router(name="programme.live")
    router.message.register(live_here, Command("live"), F.chat.type.in_({"group", "supergroup"}))
    router.message.register(live_elsewhere, Command("live"), F.chat.type == "private")
    return router
