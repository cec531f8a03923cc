"""Email in chat: the accreditation form offers an optional address and says what it is
for; a bad address gets a clear answer and nothing is stored; the journalist chooses
what comes by email; organisers alone accredit by email; without SMTP_HOST nothing asks."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import App
from bot.config import Settings
from bot.email.values import ContactForm, Topic
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import local, running_app
from tests.email_kit import SmtpServer, bodies, email_settings, smtp_server
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser
from tests.press_kit import OFFICE
from tests.scheduler import ClockScheduler
from tests.test_e2e_press import accredited, buttons, say


@pytest.fixture
async def smtp() -> AsyncIterator[SmtpServer]:
    async with smtp_server() as server:
        yield server


@pytest.fixture
async def mailing(
    settings: Settings, smtp: SmtpServer, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[App]:
    changed = email_settings(settings, smtp, "https://press.example.org")
    async with running_app(changed, clock, scheduler) as app:
        yield app


async def apply(fake: FakeBotAPI, user_id: int) -> FakeUser:
    journalist = fake.user(user_id, first_name="Jane", language_code="en")
    menu = await say(journalist, "/press")
    await journalist.press(menu, "🪪 Apply for accreditation")
    await journalist.receive()
    await say(journalist, "Jane Doe")
    await say(journalist, "Daily Planet")
    await say(journalist, "correspondent")
    thanks = await say(journalist, "+993 12 345678")
    assert "Your application is with the organisers" in thanks["text"]
    return journalist


async def test_the_accreditation_form_offers_an_address_and_the_journalist_chooses(
    fake: FakeBotAPI, mailing: App, smtp: SmtpServer
) -> None:
    journalist = await apply(fake, 2201)
    offer = await journalist.receive()
    assert offer["text"].startswith("✉️ Email (optional)")
    assert "used for nothing else" in offer["text"]
    assert buttons(offer) == ["✉️ Give an email address"]
    await journalist.press(offer, "✉️ Give an email address")
    assert (await journalist.receive())["text"] == "Your email address, or /skip?"
    bad = await say(journalist, "jane@dailyplanet")
    assert bad["text"].startswith("That is not an email address.")
    assert await mailing.store.email_contacts.all() == []
    card = await say(journalist, "jane@dailyplanet.com")
    assert card["text"].startswith("✉️ Email: jane@dailyplanet.com")
    assert "Name: Jane Doe" in card["text"]
    assert buttons(card)[0] == "✅ Press releases"
    await journalist.press(card, "✅ Press releases")
    edited = await journalist.receive()
    assert buttons(edited)[0] == "▫️ Press releases"
    (contact,) = await mailing.store.email_contacts.all()
    assert contact.topics == {Topic.SUMMARIES, Topic.ADVISORIES, Topic.ANSWERS}
    (advisory,) = await smtp.inbox.wait_for(1)
    assert str(advisory["Subject"]).startswith("Media advisory: ")
    assert (await say(journalist, "/email"))["text"].startswith("✉️ Email: jane@")


async def test_skip_gives_no_address_and_only_organisers_accredit_by_email(
    fake: FakeBotAPI, mailing: App
) -> None:
    journalist = await apply(fake, 2202)
    offer = await journalist.receive()
    await journalist.press(offer, "✉️ Give an email address")
    await journalist.receive()
    skipped = await say(journalist, "/skip")
    assert skipped["text"].startswith("No email, then.")
    refused = await say(journalist, "/email_accredit")
    assert refused["text"] == "Only the organisers can do this."
    assert await mailing.store.email_contacts.all() == []


async def test_without_smtp_host_nothing_asks_for_an_address(fake: FakeBotAPI, app: App) -> None:
    office = fake.user(900001, language_code="en")
    journalist = await apply(fake, 2203)
    assert (await say(journalist, "/email"))["text"] == (
        "The press office does not send email at this event."
    )
    assert (await office.receive())["text"].startswith("🪪")  # the application's card first
    assert (await say(office, "/email_accredit"))["text"] == (
        "The press office does not send email at this event."
    )


async def test_the_answer_to_an_interview_request_goes_by_email_too(
    fake: FakeBotAPI, mailing: App, smtp: SmtpServer
) -> None:
    await accredited(mailing, fake, 2204, language="en")
    jane = User(2204, "Jane", "en", Role.PRESS)
    desk = mailing.dispatcher["email_desk"]
    await desk.give_address(jane, ContactForm("Jane Doe", "Daily Planet", "jane@dp.com", "en"))
    await smtp.inbox.wait_for(1)  # the media advisory, as a welcome
    interviews = mailing.dispatcher["interviews"]
    request = await interviews.request(
        jane, "maral-achilova", "Humanitarian diplomacy in the region", [local(5, 16)]
    )
    assert request is not None
    await interviews.decline(OFFICE, request.id, "Her day is full.")
    letter = (await smtp.inbox.wait_for(2))[1]
    text, html = bodies(letter)
    assert "Her day is full." in text
    assert str(letter["Subject"]) == text.split("\n", 1)[0].strip()
    assert "<b>" not in text
    assert "Her day is full." in html
    await desk.choose(jane, Topic.ANSWERS, False)
    again = await interviews.request(
        jane, "maral-achilova", "Humanitarian diplomacy, second try", [local(6, 10)]
    )
    assert again is not None
    await interviews.decline(OFFICE, again.id, "Still full.")
    queued = await mailing.store.email_outbox.counts("email.interview")
    assert sum(queued.values()) == 1, "the second answer is not queued by email"


async def test_a_refused_address_is_marked_and_the_organisers_are_told_once(
    fake: FakeBotAPI, mailing: App, smtp: SmtpServer
) -> None:
    office = fake.user(900001, language_code="en")
    await say(office, "/start")
    smtp.inbox.refuse["gone@newsroom.com"] = "550 5.1.1 No such user here"
    desk = mailing.dispatcher["email_desk"]
    contact = await desk.accredit(
        OFFICE, ContactForm("Gone Journalist", "Old Newsroom", "gone@newsroom.com", "en")
    )
    told = await office.receive()
    assert told["text"].startswith("📭 The mail server refuses gone@newsroom.com")
    assert "Gone Journalist, Old Newsroom" in told["text"]
    refused = await mailing.store.email_contacts.get(contact.id)
    assert refused is not None
    assert refused.bouncing
    assert await desk.push_advisory(OFFICE) == 0  # nothing more is queued to it
    await office.expect_nothing()


async def test_an_organiser_sends_the_advisory_to_every_address_that_wants_it(
    fake: FakeBotAPI, mailing: App, smtp: SmtpServer
) -> None:
    desk = mailing.dispatcher["email_desk"]
    for n, language in enumerate(("ru", "en", "ru")):
        form = ContactForm(f"Journalist {n}", "Newsroom", f"j{n}@newsroom.com", language)
        await desk.accredit(OFFICE, form)
    await smtp.inbox.wait_for(3)  # each welcomed with the advisory
    office = fake.user(900001, language_code="en")
    sent = await say(office, "/email_advisory")
    assert sent["text"] == "The media advisory goes by email. Recipients: 3"
    arrived = await smtp.inbox.wait_for(6)
    subjects = sorted(str(m["Subject"]).split(":")[0] for m in arrived[3:])
    assert subjects == ["Media advisory", "Анонс для СМИ", "Анонс для СМИ"]
