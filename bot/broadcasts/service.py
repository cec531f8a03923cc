"""Organiser broadcasts: audiences, a durable start, progress, cancel and the final report.

A broadcast's messages are delivery outbox rows of kind ``broadcast`` keyed by its id.
The broadcast row is written first, then every recipient's row in one transaction, so
by the time the first message can leave the whole audience is on disk; a restart that
finds a broadcast with no rows at all (killed between the two writes) queues them then.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.broadcasts.values import Audience, AudienceKind, Broadcast, BroadcastState
from bot.delivery import Delivery, DeliveryProgress, Outgoing
from bot.delivery.values import Media
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService
from bot.users.values import Role, User

KIND = "broadcast"


@dataclass(frozen=True, slots=True)
class Draft:
    """What the organiser wrote: HTML text (the caption when there is media)."""

    token: str
    text: str
    media: Media | None = None


@dataclass(frozen=True, slots=True)
class Report:
    broadcast: Broadcast
    progress: DeliveryProgress

    @property
    def finished(self) -> bool:
        """Every message written (the rows follow the broadcast's own row) and none queued."""
        return self.progress.total >= self.broadcast.recipients and self.progress.finished


class BroadcastService:
    def __init__(
        self, store: Store, clock: Clock, delivery: Delivery, access: AccessService
    ) -> None:
        self._store = store
        self._clock = clock
        self._delivery = delivery
        self._access = access

    async def recipients(self, audience: Audience) -> list[int]:
        """The chat ids an audience means right now, each once."""
        users = self._store.users
        match audience.kind:
            case AudienceKind.EVERYONE:
                ids = set(await users.ids()) | set(await self._access.organiser_ids())
            case AudienceKind.DELEGATES:
                ids = set(await users.ids_with_role(Role.DELEGATE))
            case AudienceKind.DELEGATION:
                ids = set(await users.ids_with_role(Role.DELEGATE, audience.ref))
            case AudienceKind.PRESS:
                ids = set(await users.ids_with_role(Role.PRESS))
            case AudienceKind.SESSION:
                rows = await self._store.reminders.subscribers(audience.ref or 0)
                ids = {row[0] for row in rows}
            case AudienceKind.ORGANISERS:
                ids = set(await self._access.organiser_ids())
        return sorted(ids)

    async def start(
        self, author: User, draft: Draft, audience: Audience, progress_message_id: int | None
    ) -> Broadcast | None:
        """Write the broadcast and all its messages; None if this draft was started already."""
        recipients = await self.recipients(audience)
        broadcast = await self._store.broadcasts.add(
            draft.token,
            author.id,
            author.language,
            draft.text,
            draft.media,
            audience,
            len(recipients),
            author.id,
            progress_message_id,
            self._clock.now(),
        )
        if broadcast is None:
            return None
        await self._queue(broadcast, recipients)
        return broadcast

    async def _queue(self, broadcast: Broadcast, recipients: list[int]) -> None:
        messages = [
            Outgoing(chat_id, broadcast.text, media=broadcast.media) for chat_id in recipients
        ]
        await self._delivery.enqueue(messages, kind=KIND, key=str(broadcast.id))

    async def resume(self) -> None:
        """After a crash between writing a broadcast and its messages: queue them now."""
        for broadcast in await self._store.broadcasts.sending():
            if (await self._delivery.progress(KIND, str(broadcast.id))).total == 0:
                await self._queue(broadcast, await self.recipients(broadcast.audience))

    async def report(self, broadcast: Broadcast) -> Report:
        return Report(broadcast, await self._delivery.progress(KIND, str(broadcast.id)))

    async def sending(self) -> list[Report]:
        return [await self.report(b) for b in await self._store.broadcasts.sending()]

    async def recent(self, limit: int) -> list[Report]:
        return [await self.report(b) for b in await self._store.broadcasts.recent(limit)]

    async def get(self, broadcast_id: int) -> Broadcast | None:
        return await self._store.broadcasts.get(broadcast_id)

    async def finish(self, broadcast: Broadcast) -> bool:
        """Mark a broadcast whose messages have all been dealt with as done."""
        return await self._store.broadcasts.finish(
            broadcast.id, BroadcastState.DONE, self._clock.now()
        )

    async def cancel(self, broadcast_id: int) -> Report | None:
        """Stop what is not yet sent; None when it is not running (finished or unknown)."""
        broadcast = await self._store.broadcasts.get(broadcast_id)
        if broadcast is None or broadcast.state is not BroadcastState.SENDING:
            return None
        await self._delivery.cancel(KIND, str(broadcast.id))
        await self._store.broadcasts.finish(
            broadcast.id, BroadcastState.CANCELLED, self._clock.now()
        )
        return await self.report(await self._store.broadcasts.get(broadcast_id) or broadcast)
