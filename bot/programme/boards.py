"""Live «Now / next» messages in groups and channels, edited as sessions start, end or move.

An organiser posts one with ``/live`` where the bot is an admin; from then on the bot
edits that one message: a timed job looks every ``LIVE_BOARD_SECONDS`` and any change
of the programme (a delay, a stage mark) wakes it at once. Telegram limits edits, so
each message is edited at most once a minute (a wake sooner is put off until then),
and never with the text it already has (Telegram refuses «message is not modified»).
A message someone deleted is stopped, with one line in the log.
"""

from __future__ import annotations

import datetime as dt
import logging
from enum import StrEnum
from typing import Protocol

from bot.agenda.service import AgendaService, NowAndNext
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.time.scheduler import Scheduler
from bot.users.access import require_organiser
from bot.users.values import User

log = logging.getLogger(__name__)

JOB = "live-boards"
WAKE = "live-boards-wake"
MIN_INTERVAL = dt.timedelta(minutes=1)


class Edited(StrEnum):
    EDITED = "edited"
    UNCHANGED = "unchanged"
    GONE = "gone"
    """Deleted, or the bot was removed from the chat: stop editing it."""
    FAILED = "failed"
    """A passing failure (network, flood control): tried again next time."""


class BoardPublisher(Protocol):
    """The Telegram side (``handlers/programme/live.py``)."""

    async def render(self, language: str, state: NowAndNext) -> str: ...

    async def is_admin(self, chat_id: int) -> bool: ...

    async def post(self, chat_id: int, text: str) -> int: ...

    async def edit(self, chat_id: int, message_id: int, text: str) -> Edited: ...


class Posted(StrEnum):
    POSTED = "posted"
    NOT_ADMIN = "not_admin"


class LiveBoards:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        scheduler: Scheduler,
        agenda: AgendaService,
        publisher: BoardPublisher,
    ) -> None:
        self._boards = store.live_boards
        self._store = store
        self._clock = clock
        self._scheduler = scheduler
        self._agenda = agenda
        self._publisher = publisher

    async def post(self, user: User, chat_id: int, language: str) -> Posted:
        """Post the message in a chat where the bot is an admin; it replaces one posted
        there before (which is no longer edited)."""
        require_organiser(user)
        if not await self._publisher.is_admin(chat_id):
            return Posted.NOT_ADMIN
        text = await self._publisher.render(language, await self._agenda.now_and_next())
        message_id = await self._publisher.post(chat_id, text)
        now = self._clock.now()
        async with self._store.transaction():
            await self._boards.stop_chat(chat_id, now)
            await self._boards.add(chat_id, message_id, language, text, user.id, now)
        return Posted.POSTED

    def wake(self) -> None:
        """The programme changed: bring the messages up to date soon."""
        self._scheduler.run_at(WAKE, self._clock.now(), self.refresh)

    async def refresh(self) -> None:
        """Edit every message whose text is out of date and was not edited this minute."""
        now = self._clock.now()
        state = await self._agenda.now_and_next()
        texts: dict[str, str] = {}
        later: dt.datetime | None = None
        for board in await self._boards.active():
            if board.language not in texts:
                texts[board.language] = await self._publisher.render(board.language, state)
            text = texts[board.language]
            if text == board.text:
                continue
            due = board.edited_at + MIN_INTERVAL
            if due > now:
                later = due if later is None else min(later, due)
                continue
            outcome = await self._publisher.edit(board.chat_id, board.message_id, text)
            if outcome in (Edited.EDITED, Edited.UNCHANGED):
                await self._boards.edited(board.id, text, now)
            elif outcome is Edited.GONE:
                await self._boards.stop(board.id, now)
                log.info(
                    "live message %s in chat %s is gone: no longer edited",
                    board.message_id,
                    board.chat_id,
                )
        if later is not None:
            self._scheduler.run_at(WAKE, later, self.refresh)
