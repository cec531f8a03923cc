"""Repository of organiser broadcasts (their messages are rows of the delivery outbox)."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.broadcasts.values import (
    Audience,
    AudienceKind,
    Broadcast,
    BroadcastState,
    NewBroadcast,
)
from bot.delivery.values import Media, MediaKind
from bot.store.codec import text_from, text_json, utc_from, utc_text
from bot.store.unit_of_work import Database

_COLUMNS = (
    "id, author_id, language, text, media_kind, media_file_id, audience, audience_ref,"
    " audience_name, recipients, state, progress_chat_id, progress_message_id, created_at,"
    " finished_at"
)


class BroadcastRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, new: NewBroadcast) -> Broadcast | None:
        """The new broadcast, or None when this draft was started already."""
        media = new.media
        async with self._db.execute(
            f"""
            INSERT INTO broadcasts (draft, author_id, language, text, media_kind,
                media_file_id, audience, audience_ref, audience_name, recipients,
                progress_chat_id, progress_message_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (draft) DO NOTHING
            RETURNING {_COLUMNS}
            """,
            (
                new.draft,
                new.author_id,
                new.language,
                new.text,
                None if media is None else media.kind.value,
                None if media is None else media.file_id,
                new.audience.kind.value,
                new.audience.ref,
                text_json(new.audience.name),
                new.recipients,
                new.progress_chat_id,
                new.progress_message_id,
                utc_text(new.created_at),
            ),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _broadcast(row)

    async def get(self, broadcast_id: int) -> Broadcast | None:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM broadcasts WHERE id = ?", (broadcast_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _broadcast(row)

    async def sending(self) -> list[Broadcast]:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM broadcasts WHERE state = 'sending' ORDER BY id"
        ) as cursor:
            return [_broadcast(row) for row in await cursor.fetchall()]

    async def recent(self, limit: int) -> list[Broadcast]:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM broadcasts ORDER BY id DESC LIMIT ?", (limit,)
        ) as cursor:
            return [_broadcast(row) for row in await cursor.fetchall()]

    async def finish(self, broadcast_id: int, state: BroadcastState, now: dt.datetime) -> bool:
        """Move a sending broadcast to DONE or CANCELLED; False if it was not sending."""
        result = await self._db.run(
            "UPDATE broadcasts SET state = ?, finished_at = ? WHERE id = ? AND state = 'sending'",
            (state.value, utc_text(now), broadcast_id),
        )
        return result.rowcount == 1


def _broadcast(row: aiosqlite.Row) -> Broadcast:
    media = None
    if row["media_kind"] is not None:
        media = Media(MediaKind(row["media_kind"]), row["media_file_id"])
    return Broadcast(
        id=row["id"],
        author_id=row["author_id"],
        language=row["language"],
        text=row["text"],
        media=media,
        audience=Audience(
            AudienceKind(row["audience"]), row["audience_ref"], text_from(row["audience_name"])
        ),
        recipients=row["recipients"],
        state=BroadcastState(row["state"]),
        progress_chat_id=row["progress_chat_id"],
        progress_message_id=row["progress_message_id"],
        created_at=utc_from(row["created_at"]),
        finished_at=None if row["finished_at"] is None else utc_from(row["finished_at"]),
    )
