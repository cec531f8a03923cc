"""Who hears what from the press centre, sent through the one notify path.

The words come from ``PressNotices`` (the Telegram side); this module only picks the
recipients and the outbox key. ``(kind, key, chat)`` is unique in the outbox, so a
repeated publication (a double tap, a second ``load``, a job run twice) queues nothing
new. Call these inside the operation's ``store.transaction()``.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from bot.content.models import Event
from bot.delivery.notify import Notifier
from bot.press.notices import PressNotices
from bot.press.values import Accreditation, EmbargoChannel, PressRelease, QuoteRequest
from bot.store.holder import Store
from bot.users.access import AccessService


class EmailChannel(Protocol):
    """The press office by email (``bot.email.mail.PressMail``), beside the chat notices."""

    async def release_announced(
        self, release: PressRelease, event: Event, now: dt.datetime
    ) -> int: ...

    async def release_public(self, release: PressRelease) -> int: ...

    async def request_closed(self, request: QuoteRequest) -> int: ...


class PressNotifier:
    def __init__(
        self,
        notifier: Notifier,
        store: Store,
        notices: PressNotices,
        access: AccessService,
        mail: EmailChannel | None = None,
    ) -> None:
        self._notifier = notifier
        self._store = store
        self._notices = notices
        self._access = access
        self._mail = mail

    async def application_submitted(self, application: Accreditation) -> int:
        return await self._notifier.notify(
            await self._access.organiser_ids(),
            kind="press.application",
            key=str(application.id),
            render=self._notices.application_submitted(application),
        )

    async def application_decided(self, application: Accreditation, approved: bool) -> int:
        return await self._notifier.notify(
            [application.user_id],
            kind="press.accreditation",
            key=str(application.id),
            render=self._notices.application_decided(application, approved),
        )

    async def release_to_accredited(self, release: PressRelease, now: dt.datetime) -> int:
        """Accredited journalists get every release at publication, embargoed ones marked;
        who got an embargoed one is recorded with the notices (one transaction)."""
        accredited = await self._store.accreditations.accredited_ids()
        queued = await self._notifier.notify(
            accredited,
            kind="press.release",
            key=str(release.id),
            render=self._notices.release(release, await self._event(), now),
        )
        if release.embargoed(now):
            await self._store.embargo_log.record(release, accredited, EmbargoChannel.NOTICE, now)
        if self._mail is not None:  # held until the embargo lifts: release_public
            await self._mail.release_announced(release, await self._event(), now)
        return queued

    async def release_to_public(self, release: PressRelease, now: dt.datetime) -> int:
        """When a release goes public: subscribers get it; journalists hear the embargo lifted."""
        if self._mail is not None:
            await self._mail.release_public(release)
        accredited = await self._store.accreditations.accredited_ids()
        subscribed = await self._store.press_subscribers.subscribed_ids()
        sent = await self._notifier.notify(
            [i for i in subscribed if i not in accredited],
            kind="press.release",
            key=str(release.id),
            render=self._notices.release(release, await self._event(), now),
        )
        if release.embargo_until is None:
            return sent
        return sent + await self._notifier.notify(
            accredited,
            kind="press.embargo_lifted",
            key=str(release.id),
            render=self._notices.embargo_lifted(release),
        )

    async def request_submitted(self, request: QuoteRequest) -> int:
        return await self._notifier.notify(
            await self._access.organiser_ids(),
            kind="press.request",
            key=str(request.id),
            render=self._notices.request_submitted(request, await self._event()),
        )

    async def request_closed(self, request: QuoteRequest) -> int:
        """The journalist's answer (or the reason it was declined), with their request quoted."""
        if self._mail is not None:
            await self._mail.request_closed(request)
        return await self._notifier.notify(
            [request.journalist_id],
            kind="press.request_closed",
            key=str(request.id),
            render=self._notices.request_closed(request),
        )

    async def _event(self) -> Event:
        event = await self._store.programme.event()
        if event is None:
            raise LookupError("no event loaded: run `python -m bot load`")
        return event
