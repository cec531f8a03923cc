"""Practical information as the chat asks for it: the venue, a hall, a session's hall.

The file is read when first asked for and again whenever it changes on disk, so an
organiser's edit shows without a restart. A file that no longer checks is logged with
every problem and the last good version stays in use: a typo never blanks /venue.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from bot.agenda.values import Session
from bot.content.loader import ContentError
from bot.store.holder import Store
from bot.venue.loader import PRACTICAL_FILE, load_practical, room_key
from bot.venue.models import Hall, Practical

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SessionHall:
    """A session and the hall its room is, when ``practical.yaml`` names that room."""

    session: Session
    hall: Hall | None


class VenueService:
    def __init__(self, store: Store, directory: Path) -> None:
        self._store = store
        self._directory = Path(directory)
        self._loaded: Practical | None = None
        self._stamp: tuple[int, int] | None = None

    async def practical(self) -> Practical | None:
        """The practical information, or None while the data folder has none."""
        stamp = self._file_stamp()
        if stamp != self._stamp:
            await self._reload(stamp)
        return self._loaded

    async def hall(self, key: str) -> Hall | None:
        practical = await self.practical()
        if practical is None:
            return None
        return next((hall for hall in practical.halls if hall.id == key), None)

    async def hall_of(self, session_id: int) -> SessionHall | None:
        """The session (None when it left the programme) and the hall it is held in."""
        session = await self._store.programme.session(session_id)
        if session is None:
            return None
        practical = await self.practical()
        rooms = {room_key(session.room.ru), room_key(session.room.en)}
        halls = practical.halls if practical is not None else []
        hall = next(
            (
                hall
                for hall in halls
                if rooms & {room_key(hall.programme_room.ru), room_key(hall.programme_room.en)}
            ),
            None,
        )
        return SessionHall(session, hall)

    async def sessions_in(self, hall: Hall) -> list[Session]:
        """The hall's sessions in time order: what a delegate finds there and when."""
        names = {room_key(hall.programme_room.ru), room_key(hall.programme_room.en)}
        return [
            session
            for session in await self._store.programme.sessions()
            if names & {room_key(session.room.ru), room_key(session.room.en)}
        ]

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            status = (self._directory / PRACTICAL_FILE).stat()
        except OSError:
            return None
        return status.st_mtime_ns, status.st_size

    async def _reload(self, stamp: tuple[int, int] | None) -> None:
        try:
            loaded = await asyncio.to_thread(load_practical, self._directory)
        except ContentError as error:
            log.warning("%s is not used until fixed:\n%s", PRACTICAL_FILE, error)
        else:
            self._loaded = loaded
        self._stamp = stamp
