"""The gallery's and the interview desk's services on a real store, wired as bot/app.py
wires them, with the real delivery's outbox in the store (never started)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.content.service import ContentService
from bot.press.media import PressMedia
from bot.press.photo_values import PhotoDetails, PhotoFile, PhotoKind, PressCopy, TelegramFile
from bot.store.holder import Store
from bot.users.access import AccessService
from handlers.press.gallery.notices import GalleryMessages
from handlers.press.interviews.notices import InterviewMessages
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.press_kit import ORGANISER, accredit, known, press_services, store_delivery

JOURNALIST = 2001
DAY_ONE = dt.date(2025, 9, 5)


@dataclass(frozen=True)
class MediaScene:
    store: Store
    clock: ManualClock
    media: PressMedia


async def media_scene(store: Store) -> MediaScene:
    """A loaded store on 5 September, 09:00; the organiser known, a journalist accredited."""
    clock = ManualClock(local(5, 9))
    await ContentService(store, clock).load(DATA_DIR)
    await known(store, ORGANISER, clock)
    await accredit(store, JOURNALIST, clock)
    press = press_services(store, clock, store_delivery(store, clock))
    media = PressMedia.build(
        store,
        clock,
        press.notifier,
        press.centre.accreditation,
        AccessService(store, (ORGANISER,)),
        (GalleryMessages(), InterviewMessages()),
    )
    return MediaScene(store, clock, media)


def original(number: int = 1) -> PhotoFile:
    return PhotoFile(
        PhotoKind.DOCUMENT,
        TelegramFile(f"BQACAgIAAxkBAAI-original-{number}", f"AgAD-original-{number}"),
        f"IMG_{number:04d}.jpg",
        "image/jpeg",
        2_000_000,
    )


def details(**changes: object) -> PhotoDetails:
    values: dict[str, object] = {
        "caption": "Delegates at the opening session",
        "credit": "Aina Berdyeva / Red Crescent Society of Turkmenistan",
        "licence": "CC BY 4.0",
        "day": DAY_ONE,
        "consent": True,
        "content_warning": False,
    }
    values.update(changes)
    return PhotoDetails(**values)  # type: ignore[arg-type]


def press_copy(number: int = 1) -> PressCopy:
    return PressCopy(
        TelegramFile(f"BQACAgIAAxkBAAI-copy-{number}", f"AgAD-copy-{number}"),
        f"2025-09-05_Aina-Berdyeva_{number:06d}.jpg",
    )


TABLES = ("press_photos", "interview_requests", "outbox")


async def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row the gallery and the interview desk write."""
    return {
        table: [tuple(row) for row in await store.db.execute_fetchall(f"SELECT * FROM {table}")]
        for table in TABLES
    }


async def outbox_rows(store: Store, kind: str) -> list[tuple[object, ...]]:
    rows = await store.db.execute_fetchall(
        "SELECT key, chat_id FROM outbox WHERE kind = ? ORDER BY key, chat_id", (kind,)
    )
    return [tuple(row) for row in rows]
