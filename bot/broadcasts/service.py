"""Organiser broadcasts: audiences, a durable start, progress, cancel and the final report.

A broadcast's messages are delivery outbox rows of kind ``broadcast`` keyed by its id.
The broadcast row and every recipient's row are written in one transaction: by the time
the first message can leave, the whole audience is on disk, and a failure while writing
leaves no broadcast at all (the same draft can then be sent again).

Starting, listing and cancelling are the organisers' business, checked here for every
caller (chat today, the web console next).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.broadcasts.values import (
    Audience,
    AudienceKind,
    Broadcast,
    BroadcastState,
    NewBroadcast,
)
from bot.delivery import Delivery, DeliveryProgress, Outgoing
from bot.delivery.notify import Notifier
from bot.delivery.values import Media
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService, require_organiser
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
        """Every message written and none queued."""
        return self.progress.total >= self.broadcast.recipients and self.progress.finished


class BroadcastService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        delivery: Delivery,
        access: AccessService,
        notifier: Notifier,
    ) -> None:
        self._store = store
        self._clock = clock
        self._delivery = delivery
        self._access = access
        self._notifier = notifier

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

    async def audience(self, kind: AudienceKind, ref: int) -> Audience | None:
        """The audience a choice names, with its delegation's or session's name kept for
        the reports; None when that delegation or session is gone."""
        if kind is AudienceKind.DELEGATION:
            delegation = await self._store.delegations.get(ref)
            return None if delegation is None else Audience(kind, ref, delegation.name)
        if kind is AudienceKind.SESSION:
            session = await self._store.programme.session(ref)
            return None if session is None else Audience(kind, ref, session.title)
        return Audience(kind)

    async def audience_size(self, actor: User, audience: Audience) -> int:
        """How many people an audience reaches now, for an organiser composing."""
        require_organiser(actor)
        return len(await self.recipients(audience))

    async def start(
        self, author: User, draft: Draft, audience: Audience, progress_message_id: int | None
    ) -> Broadcast | None:
        """Write the broadcast and all its messages at once; None if this draft was started
        already. The author's chat shows the progress (``progress_message_id``)."""
        require_organiser(author)
        async with self._store.transaction():
            recipients = await self.recipients(audience)
            broadcast = await self._store.broadcasts.add(
                NewBroadcast(
                    draft=draft.token,
                    author_id=author.id,
                    language=author.language,
                    text=draft.text,
                    media=draft.media,
                    audience=audience,
                    recipients=len(recipients),
                    progress_chat_id=author.id,
                    progress_message_id=progress_message_id,
                    created_at=self._clock.now(),
                )
            )
            if broadcast is None:
                return None
            # The author's own words in every language: rendered once, the same for all.
            message = Outgoing(0, broadcast.text, media=broadcast.media)
            await self._notifier.notify(
                recipients, kind=KIND, key=str(broadcast.id), render=lambda _language: message
            )
        return broadcast

    async def report(self, broadcast: Broadcast) -> Report:
        return Report(broadcast, await self._delivery.progress(KIND, str(broadcast.id)))

    async def sending(self) -> list[Report]:
        """The broadcasts still being delivered, for the progress loop."""
        return [await self.report(b) for b in await self._store.broadcasts.sending()]

    async def recent(self, actor: User, limit: int) -> list[Report]:
        require_organiser(actor)
        return [await self.report(b) for b in await self._store.broadcasts.recent(limit)]

    async def finish(self, broadcast: Broadcast) -> bool:
        """Mark a broadcast whose messages have all been dealt with as done."""
        return await self._store.broadcasts.finish(
            broadcast.id, BroadcastState.DONE, self._clock.now()
        )

    async def cancel(self, actor: User, broadcast_id: int) -> Report | None:
        """Stop what is not yet sent; None when it is not running (finished or unknown)."""
        require_organiser(actor)
        async with self._store.transaction():
            if not await self._store.broadcasts.finish(
                broadcast_id, BroadcastState.CANCELLED, self._clock.now()
            ):
                return None
            # Last: it also drops the worker's rows in memory, which a rollback cannot undo.
            await self._delivery.cancel(KIND, str(broadcast_id))
        broadcast = await self._store.broadcasts.get(broadcast_id)
        return None if broadcast is None else await self.report(broadcast)
