"""The media advisory from data/: a message, a DOCX and a PDF, in ru and en, for anyone;
and each session's press access on its agenda page, for journalists and organisers."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.config import Settings
from bot.content.models import PressAccess
from bot.users.values import Role
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser
from tests.test_e2e_press import (
    accredited,
    button_starting,
    buttons,
    docx_text,
    organiser,
    say,
)
from tests.test_e2e_press_documents import EVENT_EN, EVENT_RU, download, pdf_pages


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


async def test_the_advisory_in_english_as_a_message_and_documents(
    fake: FakeBotAPI, app: App
) -> None:
    guest = fake.user(2401, language_code="en")
    advisory = await say(guest, "/advisory")
    text = advisory["text"]
    assert text.startswith("📣 Media advisory")
    assert "What\nMeeting of Heads of the National Red Cross" in text
    assert "Organiser: Red Crescent Society of Turkmenistan." in text
    assert "When\n5–6 September 2025\nTimes: Ashgabat time, UTC+5" in text
    assert "The times are provisional" in text
    assert "Where\nconference hall of the Archabil Hotel, Ashgabat" in text
    assert "Programme: Fri, 5 September" in text
    assert "• 10:00–10:30 Opening of the meeting — 🎙 Open to the press" in text
    assert "• 14:30–17:30 Delegations' presentations — 🔒 Closed to the press" in text
    assert "Photo opportunities\n• Fri, 5 September, 11:00–13:00 Thematic discussion" in text
    assert "speakers may decline to comment on a closed session" in text
    assert "press@example.org" in text
    assert buttons(advisory) == ["📄 Document (.docx)", "📄 PDF", "« Press centre"]

    pages = pdf_pages(fake, await download(guest, advisory, "📄 PDF"))
    pdf = " ".join(pages)
    assert pdf.startswith(EVENT_EN)
    for part in (
        "MEDIA ADVISORY",
        "Ashgabat, 5–6 September 2025",
        "10:00–10:30 Opening of the meeting — Open to the press",
        "14:00–16:30 Strengthening the potential of the volunteer movement — Closed to the press",
        "Photo opportunities",
        "Accreditation Apply in this bot",
        "Press contacts",
    ):
        assert part in pdf, part
    assert "🔒" not in pdf
    paragraphs = docx_text(fake, await download(guest, advisory, "📄 Document (.docx)"))
    assert "Photo opportunities" in paragraphs
    assert any(p.startswith("11:00–13:00 Thematic discussion") for p in paragraphs)


async def test_the_advisory_in_russian_from_the_press_menu(fake: FakeBotAPI, app: App) -> None:
    reader = fake.user(2402, language_code="ru")
    menu = await say(reader, "/press")
    await reader.press(menu, "📣 Анонс для СМИ")
    advisory = await reader.receive()
    assert advisory["text"].startswith("📣 Анонс для СМИ")
    assert (
        "Организатор: Национальное общество Красного Полумесяца Туркменистана." in advisory["text"]
    )
    assert "• 10:30–11:00 Приветственные слова — 🎙 Открыто для прессы" in advisory["text"]
    assert "Фотосъёмка в начале, затем закрыто для прессы" in advisory["text"]
    pdf = " ".join(pdf_pages(fake, await download(reader, advisory, "📄 PDF")))
    assert pdf.startswith(EVENT_RU)
    assert "АНОНС ДЛЯ СМИ" in pdf
    assert "Ашхабад, 5–6 сентября 2025" in pdf
    assert "Открыто для прессы" in pdf
    assert "Закрыто: без прессы; выступающие вправе не комментировать" in pdf
    assert (await refused_document(reader, advisory, "advd:html")).startswith("Эта кнопка устарела")


async def refused_document(user: FakeUser, message: dict[str, object], data: str) -> str:
    answer = await user.wait_answer(await user.press(message, data=data))
    return str(answer["text"])


async def session_page(user: FakeUser, title: str) -> str:
    days = await say(user, "/agenda")
    await user.press(days, buttons(days)[0])
    day = await user.receive()
    await user.press(day, button_starting(day, title))
    return str((await user.receive())["text"])


async def test_journalists_and_organisers_see_press_access_on_the_agenda_others_do_not(
    fake: FakeBotAPI, app: App
) -> None:
    assert {s.key: s.press for s in await app.store.programme.sessions()}["d1-discussion"] is (
        PressAccess.PHOTO_OP
    )
    delegate = fake.user(2410, language_code="en")
    journalist = fake.user(2411, language_code="en")
    organiser = fake.user(900001, language_code="ru")
    for user in (delegate, journalist, organiser):
        await say(user, "/start")
    await app.store.users.set_role(2411, Role.PRESS, None)
    assert "press" not in (await session_page(delegate, "14:30")).lower()
    assert "🔒 Closed to the press" in await session_page(journalist, "14:30")
    assert "📷 Photo opportunity at the start, then closed to the press" in await session_page(
        journalist, "11:00"
    )
    assert "🎙 Открыто для прессы" in await session_page(organiser, "10:00")


async def test_a_quote_request_about_a_closed_session_says_its_speakers_may_decline(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    journalist = await accredited(app, fake, 2420, language="ru")
    start = await say(journalist, "/ask")
    await journalist.press(start, "Организаторы — о заседании")
    sessions = await journalist.receive()
    assert buttons(sessions)[0].startswith("🎙 Пт, 5 сентября 10:00–10:30 Открытие встречи")
    await journalist.press(sessions, button_starting(sessions, "🔒 Пт, 5 сентября 14:30–17:30"))
    step2 = await journalist.receive()
    assert "(кому: Организаторы — о заседании «Презентации делегаций»)?" in step2["text"]
    assert "закрыто для прессы: выступающие вправе его не комментировать" in step2["text"]
    step3 = await say(journalist, "Какие проекты представила делегация Кыргызстана?")
    await journalist.press(step3, "через 3 ч")
    registered = await journalist.receive()
    assert registered["text"].startswith("Ваш запрос № 1 зарегистрирован")
    assert "выступающие вправе его не комментировать" in registered["text"]
    (request,) = await app.store.quote_requests.of_journalist(2420)
    assert request.session_key == "d1-presentations"
    assert request.target_label.en == "The organisers, about «Delegations' presentations»"

    alert = await office.receive()
    assert "The organisers, about «Delegations' presentations»" in alert["text"]
    await office.press(alert, "Open in the press queue")
    card = await office.receive()
    assert "🔒 Closed to the press: its speakers may decline." in card["text"]

    outsider = fake.user(2421, language_code="en")
    menu = await say(outsider, "/press")
    refusal = await outsider.wait_answer(await outsider.press(menu, data="qt:ls:"))
    assert refusal["text"].startswith("Only accredited journalists can request quotes.")
    refusal = await outsider.wait_answer(await outsider.press(menu, data="qt:s:d2-income"))
    assert refusal["text"].startswith("Only accredited journalists can request quotes.")

    again = await say(journalist, "/ask")
    await journalist.press(again, "Организаторы — о заседании")
    listing = await journalist.receive()
    forged = await journalist.wait_answer(await journalist.press(listing, data="qt:s:no-such"))
    assert forged["text"].startswith("Этого варианта больше нет в данных")
    await journalist.press(listing, button_starting(listing, "🎙 Пт, 5 сентября 10:00"))
    assert "закрыто для прессы" not in (await journalist.receive())["text"]
