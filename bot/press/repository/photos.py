"""Repository of the press gallery: file ids and what the press must know, never bytes."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.press.photo_values import (
    Photo,
    PhotoDetails,
    PhotoFile,
    PhotoKind,
    PressCopy,
    TelegramFile,
)
from bot.store.codec import utc_from, utc_text
from bot.store.unit_of_work import Database

_COLUMNS = (
    "id, kind, original_file_id, original_unique_id, original_name, mime_type, file_size,"
    " copy_file_id, copy_unique_id, copy_name, caption, credit, licence, day, consent,"
    " content_warning, published_at, withdrawn_at"
)


class PhotoRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        draft: str,
        original: PhotoFile,
        details: PhotoDetails,
        copy: PressCopy,
        organiser: int,
        now: dt.datetime,
    ) -> Photo:
        """Adds the photo once per draft: a second publication of one draft returns the first."""
        await self._db.execute(
            "INSERT INTO press_photos (draft, kind, original_file_id, original_unique_id,"
            " original_name, mime_type, file_size, copy_file_id, copy_unique_id, copy_name,"
            " caption, credit, licence, day, consent, content_warning, published_at,"
            " published_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (draft) DO NOTHING",
            (
                draft,
                original.kind.value,
                original.file.file_id,
                original.file.unique_id,
                original.name,
                original.mime_type,
                original.size,
                copy.file.file_id,
                copy.file.unique_id,
                copy.name,
                details.caption,
                details.credit,
                details.licence,
                details.day.isoformat(),
                int(details.consent),
                int(details.content_warning),
                utc_text(now),
                organiser,
            ),
        )
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM press_photos WHERE draft = ?", (draft,)
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        return _photo(row)

    async def get(self, photo_id: int) -> Photo | None:
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM press_photos WHERE id = ?", (photo_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _photo(row)

    async def of_day(self, day: dt.date) -> list[Photo]:
        """Every photo of one day in the order they were published, withdrawn ones too."""
        async with self._db.execute(
            f"SELECT {_COLUMNS} FROM press_photos WHERE day = ? ORDER BY id", (day.isoformat(),)
        ) as cursor:
            return [_photo(row) async for row in cursor]

    async def withdraw(self, photo_id: int, organiser: int, now: dt.datetime) -> bool:
        """Takes a photo out of the gallery (consent withdrawn, say); False if it already was.
        The file ids go too: the bot can no longer send the file to anyone."""
        cursor = await self._db.run(
            "UPDATE press_photos SET withdrawn_at = ?, withdrawn_by = ?, original_file_id = '',"
            " original_unique_id = '', copy_file_id = '', copy_unique_id = ''"
            " WHERE id = ? AND withdrawn_at IS NULL",
            (utc_text(now), organiser, photo_id),
        )
        return cursor.rowcount == 1

    async def record_receipt(self, photo_id: int, user_id: int, now: dt.datetime) -> None:
        """A journalist received the file: told if consent is withdrawn later."""
        await self._db.run(
            "INSERT OR IGNORE INTO photo_receipts (photo_id, user_id, received_at)"
            " VALUES (?, ?, ?)",
            (photo_id, user_id, utc_text(now)),
        )

    async def receivers(self, photo_id: int) -> list[int]:
        rows = await self._db.execute_fetchall(
            "SELECT user_id FROM photo_receipts WHERE photo_id = ? ORDER BY user_id", (photo_id,)
        )
        return [int(row[0]) for row in rows]


def _photo(row: aiosqlite.Row) -> Photo:
    return Photo(
        id=row["id"],
        original=PhotoFile(
            kind=PhotoKind(row["kind"]),
            file=TelegramFile(row["original_file_id"], row["original_unique_id"]),
            name=row["original_name"],
            mime_type=row["mime_type"],
            size=row["file_size"],
        ),
        details=PhotoDetails(
            caption=row["caption"],
            credit=row["credit"],
            licence=row["licence"],
            day=dt.date.fromisoformat(row["day"]),
            consent=bool(row["consent"]),
            content_warning=bool(row["content_warning"]),
        ),
        copy=PressCopy(TelegramFile(row["copy_file_id"], row["copy_unique_id"]), row["copy_name"]),
        published_at=utc_from(row["published_at"]),
        withdrawn=row["withdrawn_at"] is not None,
    )
