"""The gallery's services: who may do what, the credit-and-consent rule, one unit of work."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.i18n.catalogues import build_i18n
from bot.press.photo_values import (
    Photo,
    PhotoFile,
    PhotoKind,
    TelegramFile,
    ascii_fold,
    press_file_name,
)
from bot.press.photos import PhotoRefusedError
from bot.store.holder import Store
from bot.users.access import NotAllowedError
from bot.users.values import Role, User
from handlers.press.gallery.callbacks import GalleryCb, GalleryView
from handlers.press.gallery.views import day_view
from tests.media_kit import (
    DAY_ONE,
    JOURNALIST,
    MediaScene,
    details,
    media_scene,
    original,
    outbox_rows,
    press_copy,
    snapshot,
)
from tests.press_kit import GUEST, OFFICE, journalist

DAY_TWO = dt.date(2025, 9, 6)


class StepFailedError(RuntimeError):
    """What the broken step raises."""


async def boom(*_args: object, **_kwargs: object) -> None:
    raise StepFailedError


@pytest.fixture
async def scene(store: Store) -> MediaScene:
    return await media_scene(store)


async def test_nothing_without_credit_and_consent_is_published(scene: MediaScene) -> None:
    photos = scene.media.photos
    for missing in (details(consent=False), details(credit=""), details(credit="  ")):
        with pytest.raises(PhotoRefusedError):
            await photos.publish(OFFICE, "draft", original(), missing, press_copy())
    with pytest.raises(PhotoRefusedError):  # not a day of the meeting
        await photos.publish(
            OFFICE, "draft", original(), details(day=dt.date(2025, 9, 7)), press_copy()
        )
    assert await snapshot(scene.store) == {
        "press_photos": [],
        "interview_requests": [],
        "outbox": [],
    }


async def test_rows_without_credit_or_consent_never_reach_the_press(scene: MediaScene) -> None:
    """Whatever put them in the store (an older version, a hand edit), the service hides them."""
    store, photos = scene.store, scene.media.photos
    now = scene.clock.now()
    shown = await store.press_photos.add("a", original(1), details(), press_copy(1), OFFICE.id, now)
    no_consent = await store.press_photos.add(
        "b", original(2), details(consent=False), press_copy(2), OFFICE.id, now
    )
    no_credit = await store.press_photos.add(
        "c", original(3), details(credit=" "), press_copy(3), OFFICE.id, now
    )
    withdrawn = await store.press_photos.add(
        "d", original(4), details(), press_copy(4), OFFICE.id, now
    )
    assert await photos.withdraw(OFFICE, withdrawn.id)
    assert not await photos.withdraw(OFFICE, withdrawn.id), "withdrawn once"

    reader = journalist(JOURNALIST)
    assert [p.id for p in await photos.of_day(reader, DAY_ONE)] == [shown.id]
    assert await photos.gallery(reader) == [(DAY_ONE, 1), (DAY_TWO, 0)]
    for hidden in (no_consent, no_credit, withdrawn):
        assert await photos.photo(reader, hidden.id) is None
    assert await photos.photo(reader, shown.id) == shown
    assert await photos.photo(reader, 2**63 - 1) is None


async def test_only_journalists_browse_and_only_organisers_publish(scene: MediaScene) -> None:
    photos = scene.media.photos
    invited = User(3001, "Invited", "en", Role.PRESS)  # the press role from an invite link
    delegate = User(3002, "Delegate", "en", Role.DELEGATE, 1)
    for outsider in (GUEST, delegate):
        with pytest.raises(NotAllowedError):
            await photos.gallery(outsider)
        with pytest.raises(NotAllowedError):
            await photos.of_day(outsider, DAY_ONE)
        with pytest.raises(NotAllowedError):
            await photos.photo(outsider, 1)
    for reader in (journalist(JOURNALIST), invited, OFFICE):
        assert await photos.of_day(reader, DAY_ONE) == []
    for not_organiser in (journalist(JOURNALIST), invited):
        with pytest.raises(NotAllowedError):
            await photos.publish(not_organiser, "draft", original(), details(), press_copy())
        with pytest.raises(NotAllowedError):
            await photos.withdraw(not_organiser, 1)
    assert await snapshot(scene.store) == {
        "press_photos": [],
        "interview_requests": [],
        "outbox": [],
    }


async def test_journalists_are_told_once_a_day_however_many_photos(scene: MediaScene) -> None:
    photos, store = scene.media.photos, scene.store
    await store.users.touch(3001, "Invited", None, "en", scene.clock.now())
    await store.users.set_role(3001, Role.PRESS, None)
    first = await photos.publish(OFFICE, "one", original(1), details(), press_copy(1))
    again = await photos.publish(OFFICE, "one", original(1), details(), press_copy(1))
    assert again == first, "a second publication of one draft adds nothing"
    await photos.publish(OFFICE, "two", original(2), details(), press_copy(2))
    await photos.publish(OFFICE, "three", original(3), details(day=DAY_TWO), press_copy(3))
    assert await outbox_rows(store, "press.photos") == [
        ("2025-09-05", JOURNALIST),
        ("2025-09-05", 3001),
        ("2025-09-06", JOURNALIST),
        ("2025-09-06", 3001),
    ]
    assert len(await photos.of_day(OFFICE, DAY_ONE)) == 2


PUBLISH_STEPS = {"photo": ("press_photos", "add"), "notice": ("outbox", "enqueue")}


@pytest.mark.parametrize("step", PUBLISH_STEPS.values(), ids=PUBLISH_STEPS.keys())
async def test_a_publication_that_fails_midway_leaves_nothing_and_a_retry_publishes(
    scene: MediaScene, step: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, photos = scene.store, scene.media.photos
    before = await snapshot(store)

    repository, method = step
    monkeypatch.setattr(getattr(store, repository), method, boom)
    with pytest.raises(StepFailedError):
        await photos.publish(OFFICE, "draft", original(), details(), press_copy())
    monkeypatch.undo()

    assert await snapshot(store) == before
    assert await photos.of_day(OFFICE, DAY_ONE) == []

    photo = await photos.publish(OFFICE, "draft", original(), details(), press_copy())
    assert await photos.of_day(journalist(JOURNALIST), DAY_ONE) == [photo]
    assert await outbox_rows(store, "press.photos") == [("2025-09-05", JOURNALIST)]


def test_the_press_copy_is_named_after_the_credit_in_ascii() -> None:
    day = dt.date(2025, 9, 5)
    name = press_file_name("Айна Бердыева / Красный Полумесяц", day, "0a1b2c3d4e5f", "jpg")
    assert name == "2025-09-05_Ayna-Berdyeva-Krasnyy-Polumesyats_0a1b2c.jpg"
    assert press_file_name("Biljana Milošević, ICRC", day, "abcdef", "png") == (
        "2025-09-05_Biljana-Milosevic-ICRC_abcdef.png"
    )
    assert press_file_name("🙂 / ©", day, "abcdef", "tif") == "2025-09-05_photo_abcdef.tif"
    long = press_file_name("Ş" * 300, day, "abcdef", "jpg")
    assert long.isascii()
    assert len(long.split("_")[1]) == 60, "the credit part is cut at 60 characters"
    assert ascii_fold("Şöhrat Ýazmyradow, Ələkbər") == "Sohrat Yazmyradow, Elekber"


def test_a_photo_is_a_jpeg_and_a_document_keeps_its_type() -> None:
    file = TelegramFile("id", "unique")
    assert PhotoFile(PhotoKind.PHOTO, file, None, "image/jpeg", 1).extension == "jpg"
    assert PhotoFile(PhotoKind.DOCUMENT, file, "a.TIFF", "image/tiff", 1).extension == "tif"
    untyped = PhotoFile(PhotoKind.DOCUMENT, file, "a.heic", "application/octet-stream", 1)
    assert untyped.extension == "heic"


def test_a_days_photos_are_paged_to_the_end() -> None:
    """Five a page, numbered on across pages; a page past the end shows the last one."""
    stored = [
        Photo(
            number,
            original(number),
            details(caption=f"Photo {number}"),
            press_copy(number),
            dt.datetime(2025, 9, 5, tzinfo=dt.UTC),
            withdrawn=False,
        )
        for number in range(1, 13)
    ]
    i18n = build_i18n("en")
    with i18n.context(), i18n.use_locale("en"):
        text, markup = day_view(DAY_ONE, stored, 2, "en")
        last, last_markup = day_view(DAY_ONE, stored, 99, "en")
    assert (last, last_markup) == (text, markup)
    assert "· 3/3" in text
    assert "11. Photo 11" in text
    assert "12. Photo 12" in text
    assert "10. Photo 10" not in text
    labels = [button.text for row in markup.inline_keyboard for button in row]
    assert labels == ["📥 11", "📥 12", "‹", "« Days"]
    pressed = GalleryCb.unpack(markup.inline_keyboard[0][0].callback_data or "")
    assert (pressed.view, pressed.photo, pressed.page) == (GalleryView.FILE, 11, 2)
