"""«▶ Now on stage»: organisers mark when a session really started or ended.

Reality drifts from the plan by minutes; moving the session for that would tell every
follower. A mark only changes what ``/now``, the session page and the live «Now / next»
messages say (``bot.agenda.values.Session.is_on``); the plan, reminders and calendars
stay as they are. Each mark is an entry of the programme's audit log.
"""

from __future__ import annotations

from enum import StrEnum

from bot.agenda.values import Session
from bot.programme.audit import NewEntry
from bot.programme.signal import ChangeSignal
from bot.programme.values import Action, Edit, Fields, Source
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import require_organiser
from bot.users.values import User


class Mark(StrEnum):
    STARTED = "started"
    ENDED = "ended"
    PLAN = "plan"
    """Forget the marks: the planned times again."""


_ACTIONS = {Mark.STARTED: Action.STARTED, Mark.ENDED: Action.ENDED, Mark.PLAN: Action.PLAN}


class StageService:
    def __init__(self, store: Store, clock: Clock, signal: ChangeSignal) -> None:
        self._store = store
        self._clock = clock
        self._signal = signal

    async def mark(self, user: User, session_id: int, mark: Mark) -> Session | None:
        """The session as it reads after the mark; None when it is not in the programme."""
        require_organiser(user)
        session = await self._store.programme.session(session_id)
        if session is None:
            return None
        now = self._clock.now()
        stage = self._store.stage
        fields = Fields(
            session.starts_at, session.ends_at, session.room, session.title, session.description
        )
        async with self._store.transaction():
            if mark is Mark.STARTED:
                await stage.started(session_id, now)
            elif mark is Mark.ENDED:
                await stage.ended(session_id, now)
            else:
                await stage.clear(session_id)
            edit = Edit(session.id, session.key, session.day, fields, fields)
            entry = NewEntry(Source.CHAT, _ACTIONS[mark], [edit], user.id, user.first_name)
            await self._store.programme_audit.add(entry, now)
        self._signal.fire()
        return await self._store.programme.session(session_id)
