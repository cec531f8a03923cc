"""The gallery and the interview desk, built together: both serve the press centre's
journalists, and both are built beside (not inside) ``PressCentre``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.delivery.notify import Notifier
from bot.press.accreditation import AccreditationService
from bot.press.interviews import InterviewService
from bot.press.journalists import Journalists
from bot.press.media_notices import GalleryNotices, InterviewNotices
from bot.press.photos import PhotoService
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService


@dataclass(frozen=True, slots=True)
class PressMedia:
    photos: PhotoService
    interviews: InterviewService

    @classmethod
    def build(
        cls,
        store: Store,
        clock: Clock,
        notifier: Notifier,
        accreditation: AccreditationService,
        access: AccessService,
        notices: tuple[GalleryNotices, InterviewNotices],
    ) -> PressMedia:
        journalists = Journalists(store, accreditation)
        gallery_notices, interview_notices = notices
        return cls(
            photos=PhotoService(store, clock, journalists, notifier, gallery_notices),
            interviews=InterviewService(
                store, clock, journalists, access, notifier, interview_notices
            ),
        )

    def workflow_data(self) -> dict[str, Any]:
        """What handlers receive by name."""
        return {"photos": self.photos, "interviews": self.interviews}
