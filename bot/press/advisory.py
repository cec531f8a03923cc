"""The media advisory: what, when and where, which sessions the press may attend, the
photo opportunities. Gathered from the programme in ``data/`` each time it is asked for,
so it never disagrees with /agenda; the words are the Telegram side's.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.agenda.values import Day, Session
from bot.content.models import Event, PressAccess
from bot.store.holder import Store


@dataclass(frozen=True, slots=True)
class AdvisoryDay:
    day: Day
    sessions: tuple[Session, ...]


@dataclass(frozen=True, slots=True)
class Advisory:
    event: Event
    days: tuple[AdvisoryDay, ...]

    def sessions(self, access: PressAccess) -> list[Session]:
        """The sessions with this press access, in programme order."""
        return [s for day in self.days for s in day.sessions if s.press is access]

    @property
    def provisional(self) -> bool:
        """Some times are guesses (``times_illustrative``): the advisory says so."""
        return any(s.times_illustrative for day in self.days for s in day.sessions)


class AdvisoryService:
    """Public: the advisory is for anyone who may cover the meeting."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def advisory(self) -> Advisory:
        event = await self._store.programme.event()
        if event is None:
            raise LookupError("no event loaded: run `python -m bot load`")
        days = [
            AdvisoryDay(day, tuple(await self._store.programme.sessions(day.date)))
            for day in await self._store.programme.days()
        ]
        return Advisory(event, tuple(days))
