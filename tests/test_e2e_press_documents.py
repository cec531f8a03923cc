"""Press releases and daily summaries as PDF next to DOCX, read back in ru and en.

A release written in chat in both languages reaches each journalist in theirs; the PDF
carries the event and its organiser on top, the embargo band while it holds, the kind of
document, the title, date and place, the body and the press office's contacts.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from bot.app import App
from bot.config import Settings
from bot.press.values import EmbargoChannel
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser
from tests.scheduler import ClockScheduler
from tests.test_e2e_press import accredited, button_data, buttons, docx_text, organiser, say

Message = dict[str, Any]
EVENT_RU = "Встреча руководителей Национальных обществ Красного Креста и Красного Полумесяца"
EVENT_EN = "Meeting of Heads of the National Red Cross and Red Crescent Societies"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """No 1 s pause between two notices to one chat."""
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


def pdf_pages(fake: FakeBotAPI, message: Message) -> list[str]:
    """The text of every page, as a reader's PDF tool extracts it (lines joined by spaces,
    so a title wrapped over two lines reads as one)."""
    assert message["document"]["file_name"].endswith(".pdf")
    assert message["document"]["mime_type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(fake.files[message["document"]["file_id"]]))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


async def download(user: FakeUser, message: Message, label: str) -> Message:
    await user.press(message, label)
    return await user.receive()


async def publish_bilingual(office: FakeUser, embargo: str | None) -> None:
    """The release through the chat form: Russian first, then the English version."""
    await say(office, "/publish")
    await say(office, "Итоги первого дня встречи")
    languages = await say(
        office, "Встреча открылась в конференц-зале отеля «Арчабиль».\n\nДелегации выступили."
    )
    assert languages["text"].startswith("Step 3 of 4. The release is in Russian.")
    await office.press(languages, "➕ Add the English version")
    assert (await office.receive())["text"] == "The English version: the title?"
    assert "Too short" in (await say(office, "Day"))["text"]
    await say(office, "Day one of the meeting")
    embargo_step = await say(
        office, "The meeting opened in the conference hall of the Archabil Hotel.\n\nAll spoke."
    )
    assert embargo_step["text"].startswith("Step 4 of 4. Embargo")
    if embargo is None:
        await office.press(embargo_step, "No embargo")
    else:
        await office.send(embargo)
    assert (await office.receive())["text"].startswith("Preview")
    russian = await office.receive()
    english = await office.receive()
    assert "Итоги первого дня встречи" in russian["text"]
    assert "Day one of the meeting" in english["text"]
    if embargo is not None:  # each version's line wholly in its language, as journalists get it
        assert f"⛔ ЭМБАРГО до 5 сентября, {embargo} (ашхабадское время, UTC+5)" in russian["text"]
        assert (
            f"⛔ EMBARGOED until 5 September, {embargo} (Ashgabat time, UTC+5)" in english["text"]
        )
    assert buttons(russian) == []
    await office.press(english, "✅ Publish")
    assert (await office.receive())["text"].startswith("✅ Published.")


async def test_a_release_in_both_languages_reaches_each_reader_in_theirs_as_pdf(
    fake: FakeBotAPI, app: App, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    office = await organiser(fake)
    russian = await accredited(app, fake, 2201, language="ru")
    english = await accredited(app, fake, 2202, language="en")
    await publish_bilingual(office, embargo="12:00")

    notice_ru, notice_en = await russian.receive(), await english.receive()
    assert "Итоги первого дня встречи" in notice_ru["text"]
    assert "ЭМБАРГО до 5 сентября, 12:00" in notice_ru["text"]
    assert "Day one of the meeting" in notice_en["text"]
    assert "EMBARGOED until 5 September, 12:00 (Ashgabat time, UTC+5)" in notice_en["text"]

    opened_ru = await download(russian, notice_ru, "Читать и скачать")
    assert "Опубликовано только" not in opened_ru["text"]
    (page_ru,) = pdf_pages(fake, await download(russian, opened_ru, "📄 PDF"))
    assert page_ru.startswith(EVENT_RU)
    assert "Национальное общество Красного Полумесяца Туркменистана" in page_ru
    order = [
        "ЭМБАРГО до 5 сентября, 12:00 (ашхабадское время, UTC+5)",
        "ПРЕСС-РЕЛИЗ",
        "Итоги первого дня встречи",
        "Ашхабад, 5 сентября 2025, 09:00",
        "Встреча открылась в конференц-зале отеля «Арчабиль».",
        "Делегации выступили.",
        "Контакты для прессы",
        "press@example.org (пример контакта)",
        "Страница 1 из 1",
    ]
    assert [page_ru.index(part) for part in order] == sorted(page_ru.index(p) for p in order)

    opened_en = await download(english, notice_en, "Read and download")
    (page_en,) = pdf_pages(fake, await download(english, opened_en, "📄 PDF"))
    assert page_en.startswith(EVENT_EN)
    assert "Red Crescent Society of Turkmenistan" in page_en
    assert page_en.index("EMBARGOED until 5 September, 12:00") < page_en.index("PRESS RELEASE")
    assert "Day one of the meeting" in page_en
    assert "Ashgabat, 5 September 2025, 09:00 (Ashgabat time, UTC+5)" in page_en
    assert "Итоги" not in page_en
    paragraphs = docx_text(fake, await download(english, opened_en, "📄 Document (.docx)"))
    assert "Day one of the meeting" in paragraphs
    assert paragraphs[0].startswith("EMBARGOED until 5 September, 12:00")

    clock.set(local(5, 12))
    await scheduler.run_due()
    await english.receive()  # the embargo is lifted
    (lifted,) = pdf_pages(fake, await download(english, opened_en, "📄 PDF"))
    assert "EMBARGOED" not in lifted
    assert "Day one of the meeting" in lifted

    release_id = int(button_data(notice_en, "Read and download").split(":")[2])
    log = await app.store.embargo_log.of_release(release_id)
    assert sorted(log) == sorted(
        [
            (2201, EmbargoChannel.NOTICE),
            (2202, EmbargoChannel.NOTICE),
            (2201, EmbargoChannel.PDF),
            (2202, EmbargoChannel.PDF),
            (2202, EmbargoChannel.DOCX),
        ]
    )


async def test_a_release_in_one_language_falls_back_for_the_other_readers(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    english = await accredited(app, fake, 2210, language="en")
    await say(office, "/publish")
    await say(office, "Заявление о волонтёрстве")
    languages = await say(office, "Главы обществ договорились о совместном плане волонтёров.")
    await office.press(languages, "Publish in one language")
    await office.press(await office.receive(), "No embargo")
    await office.receive()
    await office.press(await office.receive(), "✅ Publish")
    await office.receive()

    notice = await english.receive()
    assert "Заявление о волонтёрстве" in notice["text"]
    assert "🌐 Published in Russian only." in notice["text"]
    opened = await download(english, notice, "Read and download")
    assert "🌐 Published in Russian only." in opened["text"]
    (page,) = pdf_pages(fake, await download(english, opened, "📄 PDF"))
    assert "PRESS RELEASE" in page
    assert "Главы обществ договорились о совместном плане волонтёров." in page
    reader = fake.user(2211, language_code="ru")
    listing = await say(reader, "/releases")
    await reader.press(listing, "Заявление о волонтёрстве")
    assert "Опубликовано только" not in (await reader.receive())["text"]
    (release,) = await app.store.press_releases.published(app.clock.now(), include_embargoed=True)
    assert release.written_in == ("ru",)
    assert release.title.en == release.title.ru == "Заявление о волонтёрстве"


async def test_the_daily_summary_as_pdf_in_russian_and_english(fake: FakeBotAPI, app: App) -> None:
    for user_id, language in ((2220, "ru"), (2221, "en")):
        reader = fake.user(user_id, language_code=language)
        days = await say(reader, "/summary")
        await reader.press(days, buttons(days)[0])
        summary = await reader.receive()
        pages = pdf_pages(fake, await download(reader, summary, "📄 PDF"))
        text = " ".join(pages)
        if language == "ru":
            assert text.startswith(EVENT_RU)
            assert "ИТОГИ ДНЯ Итоги первого дня: в Ашхабаде открылась встреча" in text
            assert "Ашхабад, 5 сентября 2025" in text
            assert "5 сентября в Ашхабаде, в конференц-зале отеля «Арчабиль»" in text
            assert "Контакты для прессы" in text
        else:
            assert text.startswith(EVENT_EN)
            assert (
                "DAILY SUMMARY Day one: the CIS Red Cross and Red Crescent heads' meeting" in text
            )
            assert "Ashgabat, 5 September 2025" in text
            assert "On 5 September the meeting of heads of the National Red Cross" in text
            assert "Press contacts" in text
        assert "EMBARGO" not in text
        assert pages[-1].endswith(f"{len(pages)}")


async def test_the_language_buttons_of_a_draft_are_for_its_organiser_only(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    guest = fake.user(2230, language_code="en")
    listing = await say(guest, "/press")
    await say(office, "/publish")
    await say(office, "A statement on volunteering")
    languages = await say(office, "The heads of the societies agreed on a joint plan.")
    assert languages["text"].startswith("Step 3 of 4. The release is in English.")
    assert buttons(languages) == ["➕ Add the Russian version", "Publish in one language"]
    forged = button_data(languages, "➕ Add the Russian version")
    answer = await guest.wait_answer(await guest.press(listing, data=forged))
    assert answer["text"] == "Only the organisers can do this."
    stale = await office.wait_answer(await office.press(languages, data="plg:0000:1"))
    assert stale["text"].startswith("This draft is no longer open")
    assert "Please choose with the buttons" in (await say(office, "Russian please"))["text"]
    await office.press(languages, "➕ Add the Russian version")
    assert (await office.receive())["text"] == "The Russian version: the title?"
    assert "Too long: at most 200" in (await say(office, "З" * 201))["text"]
    body_step = await say(office, "Заявление о волонтёрстве")
    assert body_step["text"].startswith("The Russian version: the text")
    too_long = await say(office, "Т" * 4097)
    assert "the limit here is 4096" in too_long["text"]
    assert (await say(office, "/cancel"))["text"].startswith("Cancelled. Nothing was saved.")
    assert await app.store.press_releases.published(app.clock.now(), include_embargoed=True) == []
