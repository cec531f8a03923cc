"""Taking a session out of the programme and putting it back, as change and undo both do.

A cancelled session's row is deleted (the trigger records it as removed, like a session
that left the files) and kept whole, speakers included, so a restore brings it back with
the same id: buttons, calendar UIDs and subscriptions keep pointing at it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.content.rows import SESSION_FIELDS
from bot.store.codec import utc_text
from bot.store.holder import Store


async def cancel(store: Store, session_id: int, now: dt.datetime) -> None:
    edits = store.programme_edits
    row = await edits.row(session_id)
    if row is None:
        raise LookupError(f"session {session_id} is not in the programme")
    speakers = await edits.speakers(session_id)
    added_in_chat = row["key"] in await store.programme_overrides.chat_session_keys()
    file_row = None if added_in_chat else await file_values(store, row)
    await edits.keep_cancelled(row, speakers, file_row, now)
    await edits.delete(session_id)


async def restore(store: Store, session_id: int, now: dt.datetime) -> None:
    """Back as it was when cancelled, one revision on (calendars update the entry)."""
    edits = store.programme_edits
    kept = await edits.cancelled_row(session_id)
    if kept is None:
        raise LookupError(f"session {session_id} was not cancelled in chat")
    row, speakers = kept
    row["revision"] = int(row["revision"]) + 1
    row["updated_at"] = utc_text(now)
    await edits.insert(row, speakers)
    await edits.forget_cancelled(session_id)


async def file_values(store: Store, row: dict[str, Any]) -> dict[str, Any]:
    """The session as the files last said it: the stored row with each field a chat edit
    overrode put back to the file's value."""
    overridden = await store.programme_overrides.of(row["key"])
    return {name: overridden.get(name, row[name]) for name in SESSION_FIELDS}
