"""Organisers change the programme live: preview a change, apply it, take it back.

A change goes through the machinery of ``load``: its writes land on the sessions table
in one transaction, where the reminders' triggers record them; followers get one
coalesced notice once the edits have rested (``CHANGES_QUIET_MINUTES``), reminders move
with their sessions and the calendar's SEQUENCE goes up with the revision. The audit
entry and the file values a chat edit overrides are written in the same transaction.

Every operation is the organisers' (checked here, whoever calls: chat or the web).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.agenda.service import AgendaService
from bot.content.models import Text
from bot.programme.audit import NewEntry
from bot.programme.edits import Day, at, check, check_times, edits_for, later_of
from bot.programme.signal import ChangeSignal
from bot.programme.undo import Undoer
from bot.programme.values import (
    FIELD_NAMES,
    Action,
    Applied,
    CancelledSession,
    ChangeRejectedError,
    Edit,
    Fields,
    LogEntry,
    Preview,
    Problem,
    Proposal,
    Slot,
    Source,
    Undone,
)
from bot.programme.writes import cancel, restore
from bot.store.codec import utc_text
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import require_organiser
from bot.users.values import User


class ProgrammeDesk:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        agenda: AgendaService,
        signal: ChangeSignal,
        quiet: dt.timedelta,
    ) -> None:
        self._store = store
        self._edits = store.programme_edits
        self._clock = clock
        self._agenda = agenda
        self._signal = signal
        self._quiet = quiet
        self._undoer = Undoer(store, quiet)

    async def slot(self, user: User, session_id: int) -> Slot | None:
        require_organiser(user)
        return await self._edits.slot(session_id)

    async def rooms(self, user: User) -> list[Text]:
        require_organiser(user)
        return await self._edits.rooms()

    async def cancelled(self, user: User) -> list[CancelledSession]:
        require_organiser(user)
        return await self._edits.cancelled()

    async def log(self, user: User, offset: int, limit: int) -> tuple[list[LogEntry], int]:
        """A page of the audit log, newest first, and how many entries it has in all."""
        require_organiser(user)
        audit = self._store.programme_audit
        return await audit.page(offset, limit), await audit.count()

    async def preview(self, user: User, proposal: Proposal) -> Preview:
        """What the change would do and who would be told; ``ChangeRejectedError`` names
        the rule it breaks."""
        require_organiser(user)
        edits, day = await self._plan(proposal)
        return await self._preview(proposal, edits, day)

    async def check_span(self, user: User, day: dt.date, start: str, end: str) -> None:
        """Typed times of a session on ``day`` (before its room is known): in order and
        within the event's days."""
        require_organiser(user)
        context = await self._day(day)
        check_times(at(day, start, context.zone), at(day, end, context.zone), context)

    async def apply(self, user: User, proposal: Proposal) -> Applied:
        """Check again and write, all in one transaction; ``Applied.change_id`` undoes it."""
        require_organiser(user)
        now = self._clock.now()
        async with self._store.transaction():
            edits, day = await self._plan(proposal)
            preview = await self._preview(proposal, edits, day)
            first = await self._edits.last_record()
            written, overrides = await self._write(proposal, edits, now)
            records = (first, await self._edits.last_record())
            entry = NewEntry(
                Source.CHAT,
                proposal.action,
                written,
                user.id,
                user.first_name,
                records=records,
                overrides=overrides,
            )
            change_id = await self._store.programme_audit.add(entry, now)
        self._signal.fire()
        undo_until = now + self._quiet if self._quiet > dt.timedelta() else None
        return Applied(change_id, replace(preview, edits=tuple(written)), undo_until)

    async def undo(self, user: User, change_id: int) -> Undone:
        """Take a change back while nobody has been told of it; nobody is told of either."""
        require_organiser(user)
        outcome = await self._undoer.undo(user, change_id, self._clock.now())
        if outcome is Undone.UNDONE:
            self._signal.fire()
        return outcome

    # ------------------------------------------------------------ planning

    async def _plan(self, proposal: Proposal) -> tuple[list[Edit], Day]:
        if proposal.action is Action.RESTORE:
            return await self._restoring(proposal.session_id)
        if proposal.action is Action.ADD:
            if proposal.day is None:
                raise ChangeRejectedError(Problem.OUTSIDE_DAYS)
            day = await self._day(proposal.day)
            edits = edits_for(proposal, None, day)
        else:
            target = await self._edits.slot(proposal.session_id)
            if target is None:
                raise ChangeRejectedError(Problem.MISSING)
            if proposal.revision and target.revision != proposal.revision:
                raise ChangeRejectedError(Problem.STALE)
            day = await self._day(target.day)
            edits = edits_for(proposal, target, day)
        check(edits, day)
        return edits, day

    async def _restoring(self, session_id: int) -> tuple[list[Edit], Day]:
        kept = await self._edits.cancelled_row(session_id)
        if kept is None:
            raise ChangeRejectedError(Problem.MISSING)
        row, _speakers = kept
        date = dt.date.fromisoformat(row["day"])
        day = await self._day(date)
        edits = [Edit(session_id, row["key"], date, None, Fields.from_row(row))]
        check(edits, day)
        return edits, day

    async def _day(self, date: dt.date) -> Day:
        event = await self._agenda.event()
        programme_days = set(await self._edits.days())
        event_days = frozenset(d for d in programme_days if event.starts_on <= d <= event.ends_on)
        slots = tuple(await self._edits.day_slots(date))
        return Day(date, slots, await self._agenda.zone(), event_days)

    async def _preview(self, proposal: Proposal, edits: Sequence[Edit], day: Day) -> Preview:
        """``followers`` of a restore: those who get it back; ``day_followers``: those of
        its day who get it as new."""
        later = 0
        if proposal.action is Action.DELAY:
            target = next(slot for slot in day.slots if slot.id == proposal.session_id)
            later = len(later_of(target, day.slots))
        if proposal.action is Action.RESTORE:
            followers, day_followers = await self._edits.restore_audience(edits[0].key, day.date)
        else:
            told = [edit.session_id for edit in edits if edit.tells and edit.before is not None]
            followers = await self._edits.follower_count(told)
            day_followers = await self._edits.day_follower_count(day.date)
        return Preview(proposal, tuple(edits), followers, day_followers, later)

    # ------------------------------------------------------------ writing

    async def _write(
        self, proposal: Proposal, edits: Sequence[Edit], now: dt.datetime
    ) -> tuple[list[Edit], list[tuple[str, str]]]:
        """The edits as written (an added session gets its id), and the overrides made."""
        written: list[Edit] = []
        overrides: list[tuple[str, str]] = []
        chat_keys = await self._store.programme_overrides.chat_session_keys()
        for edit in edits:
            if edit.before is None and proposal.action is Action.ADD:
                written.append(await self._add(edit, now))
                continue
            if edit.before is None:
                await restore(self._store, edit.session_id, now)
            elif edit.after is None:
                await cancel(self._store, edit.session_id, now)
            else:
                await self._edits.update(edit.session_id, edit.after, now)
                if edit.key not in chat_keys:
                    overrides += await self._override(edit, now)
            written.append(edit)
        return written, overrides

    async def _override(self, edit: Edit, now: dt.datetime) -> list[tuple[str, str]]:
        """Keep the file's values of the fields this edit changes (see ``reconcile``)."""
        assert edit.before is not None
        assert edit.after is not None
        before, after = edit.before.row(), edit.after.row()
        changed = {name: before[name] for name in FIELD_NAMES if before[name] != after[name]}
        return await self._store.programme_overrides.record(edit.key, changed, now)

    async def _add(self, edit: Edit, now: dt.datetime) -> Edit:
        assert edit.after is not None
        session_id = await self._edits.unused_session_id()
        key = f"chat-{session_id}"
        row: dict[str, Any] = {
            "id": session_id,
            "key": key,
            "day": edit.day.isoformat(),
            **edit.after.row(),
            "times_illustrative": 0,
            "position": await self._edits.next_position(edit.day),
            "revision": 1,
            "updated_at": utc_text(now),
        }
        await self._edits.insert(row)
        await self._store.programme_overrides.add_chat_session(key, now)
        return Edit(session_id, key, edit.day, None, edit.after)
