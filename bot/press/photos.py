"""The press gallery: organisers publish photos, journalists browse them by day.

The rule the gallery keeps, whoever calls it: nothing without a credit and recorded
consent is ever shown to the press (:func:`bot.press.photo_values.may_publish`), checked
when a photo is published and again on every read. Publishing (the row and the
journalists' notice) is one unit of work.
"""

from __future__ import annotations

import datetime as dt

from bot.content.models import Event
from bot.delivery.notify import Notifier
from bot.press.journalists import Journalists
from bot.press.media_notices import GalleryNotices
from bot.press.photo_values import Photo, PhotoDetails, PhotoFile, PressCopy, may_publish
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import require_organiser
from bot.users.values import User


class PhotoRefusedError(ValueError):
    """A photo the gallery must not take: no credit, no recorded consent, or a day outside
    the meeting. The chat's form never gets this far with one; another caller might."""


class PhotoService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        journalists: Journalists,
        notifier: Notifier,
        notices: GalleryNotices,
    ) -> None:
        self._store = store
        self._clock = clock
        self._journalists = journalists
        self._notifier = notifier
        self._notices = notices

    async def event(self) -> Event:
        event = await self._store.programme.event()
        if event is None:
            raise LookupError("no event loaded: run `python -m bot load`")
        return event

    async def days(self) -> list[dt.date]:
        """The meeting's days: a photo belongs to one of them."""
        event = await self.event()
        span = (event.ends_on - event.starts_on).days
        return [event.starts_on + dt.timedelta(days=offset) for offset in range(span + 1)]

    async def gallery(self, user: User) -> list[tuple[dt.date, int]]:
        """Each day of the meeting with how many photos the press may see: journalists
        and organisers only."""
        await self._journalists.require(user)
        return [(day, len(await self._shareable(day))) for day in await self.days()]

    async def of_day(self, user: User, day: dt.date) -> list[Photo]:
        """The photos of ``day`` the press may see, in the order they were published."""
        await self._journalists.require(user)
        return await self._shareable(day)

    async def photo(self, user: User, photo_id: int) -> Photo | None:
        """One photo for the press; None for an unknown id and for one it may not see."""
        await self._journalists.require(user)
        photo = await self._store.press_photos.get(photo_id)
        return photo if photo is not None and photo.shareable else None

    async def publish(
        self, user: User, draft: str, original: PhotoFile, details: PhotoDetails, copy: PressCopy
    ) -> Photo:
        """Adds the photo (once per draft) and tells the journalists, together."""
        require_organiser(user)
        if not may_publish(details):
            raise PhotoRefusedError("a photo needs a credit and recorded consent")
        if details.day not in await self.days():
            raise PhotoRefusedError(f"{details.day} is not a day of the meeting")
        async with self._store.transaction():
            photo = await self._store.press_photos.add(
                draft, original, details, copy, user.id, self._clock.now()
            )
            await self._notifier.notify(
                await self._journalists.ids(),
                kind="press.photos",
                key=details.day.isoformat(),  # one notice per day, however many photos
                render=self._notices.photos_of_day(details.day),
            )
        return photo

    async def received(self, user: User, photo_id: int) -> None:
        """The press copy went to ``user``: they are told if consent is withdrawn (an
        organiser holds the original anyway and withdraws it themselves)."""
        if user.is_organiser:
            return
        await self._store.press_photos.record_receipt(photo_id, user.id, self._clock.now())

    async def withdraw(self, user: User, photo_id: int) -> bool:
        """Consent withdrawn (by the person, through an organiser) or a mistake: in one
        unit of work the photo leaves the gallery, its file ids go, every journalist who
        received it is told not to use it, and the audit log records it. False if it is
        unknown or was already withdrawn."""
        require_organiser(user)
        photo = await self._store.press_photos.get(photo_id)
        if photo is None:
            return False
        now = self._clock.now()
        async with self._store.transaction():
            if not await self._store.press_photos.withdraw(photo_id, user.id, now):
                return False
            told = await self._store.press_photos.receivers(photo_id)
            await self._notifier.notify(
                told,
                kind="press.photo-withdrawn",
                key=str(photo_id),
                render=self._notices.consent_withdrawn(photo),
            )
            detail = f"photo {photo_id} withdrawn; journalists told: {len(told)}"
            await self._store.privacy.record(now, "photo-consent", detail, user.id, user.first_name)
        return True

    async def _shareable(self, day: dt.date) -> list[Photo]:
        return [photo for photo in await self._store.press_photos.of_day(day) if photo.shareable]
