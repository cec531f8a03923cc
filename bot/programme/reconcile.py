"""Files and chat edits together: what a ``load`` (or a sync) does with changes made in chat.

The rule: **a chat edit of a field wins until the file's own value for that field
changes.** A chat edit keeps the file's value of each field it overrides
(``chat_overrides``). On a load, a field whose file value is still that one keeps the
chat's value; a field whose file value changed takes the file's new value, the override
is dropped, and the audit entry of that load says the file won. The same holds for a
session cancelled in chat (it stays cancelled while the file's session is unchanged) and
a session added in chat (kept: the files never had it, so they cannot remove it).

Runs inside ``ContentSync``'s transaction (its ``SessionHook``), with the audit entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.content.rows import SESSION_FIELDS, SessionRow
from bot.content.sync import ChangeKind, SessionChange
from bot.programme.audit import AuditRepository, NewEntry
from bot.programme.overrides import OverrideRepository
from bot.programme.repository import EditRepository
from bot.programme.values import Action, Edit, Fields, Source

CANCELLED = "cancelled"
"""How the audit log names a chat cancellation undone by the file."""

_ACTIONS = {
    ChangeKind.ADDED: Action.ADDED,
    ChangeKind.UPDATED: Action.UPDATED,
    ChangeKind.REMOVED: Action.REMOVED,
}


class ChatEditsHook:
    """``ContentSync``'s ``SessionHook``: the files' sessions with the chat edits that
    still stand, plus the sessions added in chat."""

    def __init__(
        self, edits: EditRepository, overrides: OverrideRepository, audit: AuditRepository
    ) -> None:
        self._edits = edits
        self._overrides = overrides
        self._audit = audit

    async def plan(self, wanted: list[SessionRow], source: str, now: dt.datetime) -> LoadPlan:
        overrides = await self._overrides.all()
        cancelled = await self._edits.cancelled_by_key()
        chat_keys = await self._overrides.chat_session_keys()
        stored = {row["key"]: row for row in await self._edits.all_rows()}
        # The first load makes the programme: not a change anyone needs in the log.
        plan = LoadPlan(self._audit, Source(source), now, logged=bool(stored))
        plan.places_before = {key: _place(row) for key, row in stored.items()}
        for row in wanted:
            if row.key in chat_keys:  # the files have it now: theirs from here on
                chat_keys.discard(row.key)
                await self._overrides.forget_chat_session(row.key)
            if row.key in cancelled:
                if _unchanged(cancelled[row.key], row):
                    continue  # still cancelled: the file says what it said then
                await self._edits.forget_cancelled_key(row.key)
                await self._overrides.drop_key(row.key)
                plan.won(row.key, CANCELLED)
                plan.sessions.append(row)
                continue
            plan.sessions.append(await self._resolve(row, overrides.get(row.key), stored, plan))
        for key in sorted(chat_keys):
            if key in stored:
                old = stored[key]
                values = {name: old[name] for name in SESSION_FIELDS}
                speakers = await self._edits.speakers(old["id"])
                plan.sessions.append(SessionRow(key, values, speakers))
        return plan

    async def _resolve(
        self,
        row: SessionRow,
        overridden: dict[str, str | None] | None,
        stored: dict[str, dict[str, Any]],
        plan: LoadPlan,
    ) -> SessionRow:
        """The file's row with the chat's value of every field whose file value stands."""
        old = stored.get(row.key)
        if not overridden or old is None:
            return row
        values = dict(row.values)
        for name, file_value in overridden.items():
            if values.get(name) == file_value:
                values[name] = old[name]
            else:
                await self._overrides.drop([(row.key, name)])
                plan.won(row.key, name)
        return SessionRow(row.key, values, row.speakers)


def _unchanged(file_row: dict[str, Any] | None, row: SessionRow) -> bool:
    if file_row is None:
        return False
    return all(file_row.get(name) == row.values.get(name) for name in SESSION_FIELDS)


@dataclass
class LoadPlan:
    """``ContentSync``'s ``SessionPlan``: the sessions to hold, then the audit entries."""

    audit: AuditRepository
    source: Source
    now: dt.datetime
    logged: bool = True
    sessions: list[SessionRow] = field(default_factory=list)
    file_won: dict[str, list[str]] = field(default_factory=dict)
    places_before: dict[str, Place] = field(default_factory=dict)

    def won(self, key: str, name: str) -> None:
        self.file_won.setdefault(key, []).append(name)

    async def record(self, changes: Sequence[SessionChange]) -> None:
        """One audit entry per session the load changed in a way people see: its times,
        room, texts, speakers, or its order among the sessions starting with it."""
        places_after = {row.key: _place(row.values) for row in self.sessions}
        reordered = _reordered(self.places_before, places_after)
        for change in changes if self.logged else ():
            place = None
            if change.key in reordered:
                place = (self.places_before[change.key][2], places_after[change.key][2])
            edit = Edit(
                change.session_id,
                change.key,
                dt.date.fromisoformat((change.after or change.before or {})["day"]),
                None if change.before is None else Fields.from_row(change.before),
                None if change.after is None else Fields.from_row(change.after),
                speakers=change.speakers,
                place=place,
            )
            won = self.file_won.get(change.key, [])
            if edit.before == edit.after and not (won or edit.speakers or edit.place):
                continue  # a marker, or its number shifted by a session added above it
            entry = NewEntry(self.source, _ACTIONS[change.kind], [edit], file_won=won)
            await self.audit.add(entry, self.now)


Place = tuple[str, str, int]
"""A session's day, start and position in the day's list."""


def _place(row: dict[str, Any]) -> Place:
    return str(row["day"]), str(row["starts_at"]), int(row["position"])


def _reordered(before: dict[str, Place], after: dict[str, Place]) -> set[str]:
    """Sessions whose order among those starting with them (the same day and start,
    before and after: listings show them in the files' order) changed. The files list
    sessions in time order, so this is the only order a position decides; a session
    added or removed above one only shifts its number."""
    together: dict[tuple[str, str], list[str]] = {}
    for key in before.keys() & after.keys():
        if before[key][:2] == after[key][:2]:
            together.setdefault(after[key][:2], []).append(key)
    moved: set[str] = set()
    for keys in together.values():
        old = sorted(keys, key=lambda key: before[key][2])
        new = sorted(keys, key=lambda key: after[key][2])
        moved |= {key for key, was in zip(new, old, strict=True) if key != was}
    return moved
