"""Repository of who received an embargoed release before it lifted, and when.

Rows are written by the operation that delivers (inside its transaction) and never
changed: the press office answers for every early copy of an embargoed text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterable

from bot.press.values import EmbargoChannel, PressRelease
from bot.store.codec import utc_text
from bot.store.unit_of_work import Database


class EmbargoLogRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def record(
        self,
        release: PressRelease,
        user_ids: Iterable[int],
        channel: EmbargoChannel,
        now: dt.datetime,
    ) -> None:
        """One row per person; a notice is recorded once per person (a second queueing of
        the same notice queues nothing, so there is nothing more to record)."""
        assert release.embargo_until is not None
        until = utc_text(release.embargo_until)
        await self._db.executemany(
            "INSERT INTO embargo_log (release_id, release_key, embargo_until, user_id, channel,"
            " at) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (release_id, user_id) WHERE channel = 'notice' DO NOTHING",
            [
                (release.id, release.key, until, user, channel.value, utc_text(now))
                for user in user_ids
            ],
        )

    async def count_by_channel(self) -> dict[EmbargoChannel, int]:
        async with self._db.execute(
            "SELECT channel, count(*) FROM embargo_log GROUP BY channel"
        ) as cursor:
            found = {EmbargoChannel(row[0]): int(row[1]) async for row in cursor}
        return {channel: found.get(channel, 0) for channel in EmbargoChannel}

    async def of_release(self, release_id: int) -> list[tuple[int, EmbargoChannel]]:
        async with self._db.execute(
            "SELECT user_id, channel FROM embargo_log WHERE release_id = ? ORDER BY id",
            (release_id,),
        ) as cursor:
            return [(row[0], EmbargoChannel(row[1])) async for row in cursor]

    async def export_rows(self) -> AsyncIterator[tuple[object, ...]]:
        """Every early copy, oldest first, with the journalist's accreditation and, for a
        chat notice, what became of it in the delivery outbox."""
        async with self._db.execute(
            "SELECT l.release_id, l.release_key, json_extract(r.title, '$.ru'),"
            " l.embargo_until, l.user_id, a.full_name, a.outlet, l.channel, l.at,"
            " o.state, o.sent_at"
            " FROM embargo_log l"
            " LEFT JOIN press_releases r ON r.id = l.release_id"
            " LEFT JOIN accreditations a ON a.user_id = l.user_id AND a.status = 'approved'"
            " LEFT JOIN outbox o ON l.channel = 'notice' AND o.kind = 'press.release'"
            " AND o.key = CAST(l.release_id AS TEXT) AND o.chat_id = l.user_id"
            " ORDER BY l.id"
        ) as cursor:
            async for row in cursor:
                yield tuple(row)
