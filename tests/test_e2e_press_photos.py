"""The press gallery end to end over the fake Bot API: an organiser uploads, journalists
browse by day and get the press copy, everyone else is refused, bad uploads are answered."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from typing import Any

import pytest
from aiogram.types import BufferedInputFile

from bot.app import App
from bot.config import Settings
from tests.fake_bot_api import FakeBotAPI, FakeUser
from tests.test_e2e_press import accredited, buttons, organiser, refused, say

Message = dict[str, Any]
ORGANISER = 900001
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
CREDIT = "Aina Berdyeva / TRCS"
_message_ids = itertools.count(50_000)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """No 1 s pause between two notices to one chat."""
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


def incoming(user: FakeUser, **content: Any) -> None:
    """A message from ``user`` with any content (a photo, a document, a sticker …)."""
    message = {
        "message_id": next(_message_ids),
        "from": user.user,
        "chat": user.chat,
        "date": int(time.time()),
        **content,
    }
    user.fake.push_update({"message": message})


async def document_on_telegram(app: App, office: FakeUser, name: str) -> dict[str, Any]:
    """A file that exists on «Telegram» (the bot uploads it first), as a user would send it."""
    sent = await app.bot.send_document(ORGANISER, BufferedInputFile(PNG, filename=name))
    await office.receive()
    assert sent.document is not None
    return {
        "file_id": sent.document.file_id,
        "file_unique_id": sent.document.file_unique_id,
        "file_name": name,
        "mime_type": "image/png",
        "file_size": len(PNG),
    }


async def photo_on_telegram(app: App, office: FakeUser) -> list[dict[str, Any]]:
    sent = await app.bot.send_photo(ORGANISER, BufferedInputFile(PNG, filename="seed.png"))
    await office.receive()
    assert sent.photo is not None
    return [size.model_dump(exclude_none=True) for size in sent.photo]


async def answer_steps(office: FakeUser, credit: str, day: str, *, warning: bool) -> Message:
    """Steps 3 to 7 (credit, licence, day, consent, warning); returns the preview."""
    licence = await say(office, credit)
    await office.press(licence, "CC BY 4.0")
    await office.press(await office.receive(), day)
    await office.press(await office.receive(), "✅ Consent recorded")
    await office.press(await office.receive(), "⚠️ Content warning" if warning else "No warning")
    return await office.receive()


async def publish(office: FakeUser, preview: Message) -> tuple[Message, Message]:
    """Press «Publish»: the press copy arrives, then the preview becomes the result."""
    await office.press(preview, "✅ Publish")
    copy, result = await office.receive(), await office.receive()
    assert "document" in copy, copy
    return copy, result


async def test_an_organisers_file_reaches_journalists_with_its_credit(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    reader = await accredited(app, fake, 2201, "ru")
    document = await document_on_telegram(app, office, "IMG_0412.png")

    first = await say(office, "/upload_photo")
    assert first["text"].startswith("New press photo, step 1 of 7")
    incoming(office, document=document, caption="Delegates at the opening session")
    step2 = await office.receive()
    assert step2["text"].startswith("Step 2 of 7. The caption")
    assert "Too short: at least 3 characters" in (await say(office, "ab"))["text"]
    await office.press(step2, "Keep «Delegates at the opening session»")
    assert (await office.receive())["text"].startswith("Step 3 of 7. The credit")
    preview = await answer_steps(office, CREDIT, "Fri, 5 September", warning=False)
    assert preview["text"].startswith("Preview — publish it to the press gallery?")
    assert f"📷 Credit: {CREDIT}" in preview["text"]
    assert "⚖ Licence: CC BY 4.0" in preview["text"]
    copy, result = await publish(office, preview)
    name = copy["document"]["file_name"]
    assert name.startswith("2025-09-05_Aina-Berdyeva-TRCS_")
    assert name.endswith(".png")
    assert f"Journalists get the file {name}." in preview["text"]
    assert result["text"] == "✅ Photo No. 1 is in the gallery; journalists are told."
    assert fake.files[copy["document"]["file_id"]] == PNG, "the original bytes, renamed"

    notice = await reader.receive()
    assert notice["text"] == "📷 В фотобанке пресс-центра новые фотографии: Пятница, 5 сентября."
    await reader.press(notice, "📷 Открыть фотографии")
    day = await reader.receive()
    assert day["text"].startswith("Фотобанк пресс-центра · Пятница, 5 сентября")
    assert "1. Delegates at the opening session" in day["text"]
    assert f"📷 {CREDIT} · ⚖ CC BY 4.0" in day["text"]
    query = await reader.press(day, "📥 1")
    assert (await reader.wait_answer(query))["text"] == "Файл — ниже."
    got = await reader.receive()
    assert got["document"]["file_id"] == copy["document"]["file_id"]
    assert got["document"]["file_name"] == name
    assert f"📷 Автор: {CREDIT}" in got["caption"]
    assert "⚖ Лицензия: CC BY 4.0" in got["caption"]
    assert buttons(got) == [], "no organiser's button for a journalist"


async def test_a_photo_sent_as_a_photo_goes_out_as_a_named_document(
    fake: FakeBotAPI, app: App
) -> None:
    """Telegram cannot send a photo's file_id as a document: the press copy is a new upload."""
    office = await organiser(fake)
    reader = await accredited(app, fake, 2202, "en")
    sizes = await photo_on_telegram(app, office)
    await say(office, "/upload_photo")
    incoming(office, photo=sizes)
    step2 = await office.receive()
    assert buttons(step2) == [], "no caption to keep"
    too_long = await say(office, "x" * 601)
    assert too_long["text"] == "Too long: at most 600 characters, you sent 601."
    await say(office, "Volunteers of the Red Crescent at the venue")
    preview = await answer_steps(office, "Photo: Merdan Orazov", "Sat, 6 September", warning=True)
    assert "It came as a photo, which Telegram compresses" in preview["text"]
    assert "⚠️ Content warning: this photo may be distressing." in preview["text"]
    copy, _result = await publish(office, preview)
    assert copy["document"]["file_name"].startswith("2025-09-06_Photo-Merdan-Orazov_")
    assert copy["document"]["file_name"].endswith(".jpg")
    photo_ids = {size["file_id"] for size in sizes}
    assert not [c for c in fake.calls_to("sendDocument") if c.params.get("document") in photo_ids]

    notice = await reader.receive()
    assert notice["text"] == "📷 New photos in the press gallery: Saturday, 6 September."
    home = await say(reader, "/photos")
    assert buttons(home) == ["Fri, 5 September · 0", "Sat, 6 September · 1", "« Press centre"]
    await reader.press(home, "Sat, 6 September · 1")
    day = await reader.receive()
    assert "1. ⚠️ Volunteers of the Red Crescent at the venue" in day["text"]
    await reader.press(day, "📥 1")
    warned = await reader.receive()
    assert warned["message_id"] == day["message_id"], "edited in place"
    assert warned["text"].startswith("⚠️ Content warning: this photo may be distressing.")
    await reader.press(warned, "Get the file")
    got = await reader.receive()
    assert got["document"]["file_id"] == copy["document"]["file_id"]
    assert got["caption"].startswith("⚠️ Content warning")


async def test_wrong_and_oversized_uploads_are_answered_and_change_nothing(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    await say(office, "/upload_photo")
    sticker = {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1, "height": 1}
    incoming(office, sticker={**sticker, "is_animated": False, "is_video": False})
    assert (await office.receive())["text"].startswith("That was a sticker. The gallery takes")
    video = {"file_id": "v", "file_unique_id": "v", "width": 1, "height": 1, "duration": 3}
    incoming(office, video=video)
    assert (await office.receive())["text"].startswith("That was a video.")
    pdf = {
        "file_id": "d",
        "file_unique_id": "d",
        "file_name": "a.pdf",
        "mime_type": "application/pdf",
    }
    incoming(office, document=pdf)
    assert (await office.receive())["text"].startswith("That was a file of type application/pdf.")
    huge = {**pdf, "file_name": "big.tif", "mime_type": "image/tiff", "file_size": 25 * 2**20}
    incoming(office, document=huge)
    assert (await office.receive())["text"].startswith(
        "This file is 25.0 MB; the gallery takes files up to 20 MB"
    )
    album = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
    incoming(office, photo=album, media_group_id="42")
    assert (await office.receive())["text"] == "Send one photo at a time, not an album."
    assert (await say(office, "a caption only"))["text"].startswith(
        "That was a message without a photo."
    )
    assert (await say(office, "/cancel"))["text"] == (
        "Cancelled. Nothing was saved. The gallery: /photos"
    )
    assert await app.store.press_photos.of_day(dt.date(2025, 9, 5)) == []


async def test_without_consent_nothing_is_kept_and_old_buttons_are_stale(
    fake: FakeBotAPI, app: App
) -> None:
    office = fake.user(ORGANISER, first_name="Пресс-служба", language_code="ru")
    await say(office, "/press")
    document = await document_on_telegram(app, office, "DSC_0001.jpg")
    await say(office, "/upload_photo")
    incoming(office, document={**document, "mime_type": "image/jpeg"})
    await office.receive()
    await say(office, "Встреча в конференц-зале")
    licence = await say(office, "Фото: Айна Бердыева")
    assert "Слишком длинно" in (await say(office, "x" * 101))["text"]
    day = await say(office, "Свободно для СМИ с указанием автора")
    await office.press(day, "Пт, 5 сентября")
    consent = await office.receive()
    assert consent["text"].startswith("Шаг 6 из 7. Получено ли и записано согласие")
    await office.press(consent, "✖ Не записано")
    ended = await office.receive()
    assert ended["text"].startswith("Без записанного согласия фотографию нельзя передать прессе.")
    stale = licence["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert (await refused(office, licence, stale)) == (
        "Эта загрузка уже закрыта: снимок опубликован или отменён."
    )
    assert await app.store.db.execute_fetchall("SELECT * FROM press_photos") == []


async def test_only_journalists_see_the_gallery_and_only_organisers_change_it(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    reader = await accredited(app, fake, 2203, "en")
    guest = fake.user(2204, language_code="en")
    document = await document_on_telegram(app, office, "IMG_1.png")
    await say(office, "/upload_photo")
    incoming(office, document=document, caption="The opening session")
    await office.press(await office.receive(), "Keep «The opening session»")
    await office.receive()
    copy, _result = await publish(
        office, await answer_steps(office, CREDIT, "Fri, 5 September", warning=False)
    )
    await reader.receive()

    only_press = "Only accredited journalists can do this. Apply in /press."
    assert (await say(guest, "/photos"))["text"] == only_press
    menu = await say(guest, "/press")
    assert "📷 Press photos" not in buttons(menu)
    assert (await refused(guest, menu, "gal:d:2025-09-05:0:0")) == only_press
    assert (await refused(guest, menu, "gal:f:2025-09-05:0:1")) == only_press
    only_organisers = "Only the organisers can do this."
    assert (await say(reader, "/upload_photo"))["text"] == only_organisers
    own_menu = await say(reader, "/press")
    assert "📷 Press photos" in buttons(own_menu)
    for organisers_button in ("gal:a::0:0", "galw:1", "phf:abc:pub:"):
        assert (await refused(reader, own_menu, organisers_button)) == only_organisers
    out_of_date = "This button is out of date. Send /start for a fresh menu."
    for forged in (
        "gal:f:2025-09-05:0:" + "9" * 25,
        "gal:d:2025-13-45:0:0",
        "gal:d:2025-09-09:0:0",
    ):
        assert (await refused(reader, own_menu, forged)) == out_of_date

    # The organiser takes the photo back (consent withdrawn): journalists no longer get it.
    home = await say(office, "/photos")
    await office.press(home, "Fri, 5 September · 1")
    await office.press(await office.receive(), "📥 1")
    own = await office.receive()
    assert own["document"]["file_id"] == copy["document"]["file_id"]
    query = await office.press(own, "🗑 Withdraw from the gallery")
    assert (await office.wait_answer(query))["text"] == (
        "Withdrawn: journalists no longer see this photo."
    )
    assert (await refused(reader, own_menu, "gal:f:2025-09-05:0:1")) == (
        "This photo is no longer in the gallery."
    )
    assert (await say(reader, "/photos"))["reply_markup"]["inline_keyboard"][0][0]["text"] == (
        "Fri, 5 September · 0"
    )
