"""«↩ Undo»: a chat change taken back before anyone was told of it.

Within the quiet period the change's trigger records still wait unhandled; the undo
writes the sessions back and deletes those records together with the ones its own
writes made, in one transaction, so the notices find nothing and nobody hears of
either. Once the quiet period has passed for a record the notices may be on their way,
so the undo is refused and the organiser makes a new change instead. A session changed
again since (by anyone) is not reverted over that change.
"""

from __future__ import annotations

import datetime as dt

from bot.programme.audit import NewEntry
from bot.programme.values import CHAT_CHANGES, Action, Edit, LogEntry, Source, Undone
from bot.programme.writes import cancel, restore
from bot.store.codec import utc_from
from bot.store.holder import Store
from bot.users.values import User


class Undoer:
    def __init__(self, store: Store, quiet: dt.timedelta) -> None:
        self._store = store
        self._edits = store.programme_edits
        self._quiet = quiet

    async def undo(self, user: User, change_id: int, now: dt.datetime) -> Undone:
        async with self._store.transaction():
            entry = await self._store.programme_audit.get(change_id)
            if entry is None or entry.source is not Source.CHAT:
                return Undone.MISSING
            if entry.action not in CHAT_CHANGES:
                return Undone.MISSING
            if entry.undone:
                return Undone.ALREADY
            if not await self._still_quiet(entry, now):
                return Undone.TOO_LATE
            if not await self._unchanged(entry):
                return Undone.CHANGED_SINCE
            await self._revert(entry, now)
            await self._store.programme_audit.mark_undone(entry.id, now)
            reverted = [Edit(e.session_id, e.key, e.day, e.after, e.before) for e in entry.edits]
            await self._store.programme_audit.add(
                NewEntry(
                    Source.CHAT,
                    Action.UNDO,
                    reverted,
                    user.id,
                    user.first_name,
                    undoes=entry.id,
                ),
                now,
            )
        return Undone.UNDONE

    async def _still_quiet(self, entry: LogEntry, now: dt.datetime) -> bool:
        """No record of it handled, none settled: the notices cannot have picked it up."""
        if self._quiet <= dt.timedelta():
            return False
        settled = now - self._quiet
        if entry.records is None:
            return entry.at > settled
        first, last = entry.records
        records = await self._edits.records(first, last, [e.session_id for e in entry.edits])
        if not records:
            return entry.at > settled
        for record in records:
            if record["handled_at"] is not None:
                return False
            if record["seen_at"] is not None and utc_from(record["seen_at"]) <= settled:
                return False
        return True

    async def _unchanged(self, entry: LogEntry) -> bool:
        """Every session is still as the change left it."""
        for edit in entry.edits:
            slot = await self._edits.slot(edit.session_id)
            if edit.after is None:
                if slot is not None or await self._edits.cancelled_row(edit.session_id) is None:
                    return False
            elif slot is None or slot.fields != edit.after:
                return False
        return True

    async def _revert(self, entry: LogEntry, now: dt.datetime) -> None:
        marker = await self._edits.last_record()
        for edit in reversed(entry.edits):
            await self._revert_one(edit, entry.action, now)
        await self._store.programme_overrides.drop(entry.overrides)
        spans: list[tuple[int, int | None]] = [(marker, None)]
        if entry.records is not None:
            spans.append(entry.records)
        await self._edits.drop_records(spans, [e.session_id for e in entry.edits])

    async def _revert_one(self, edit: Edit, action: Action, now: dt.datetime) -> None:
        if edit.before is None and action is Action.ADD:
            await self._edits.delete(edit.session_id)
            await self._store.programme_overrides.forget_chat_session(edit.key)
        elif edit.before is None:  # restored: cancelled again, kept for a restore
            await cancel(self._store, edit.session_id, now)
        elif edit.after is None:
            await restore(self._store, edit.session_id, now)
        else:
            await self._edits.update(edit.session_id, edit.before, now)
