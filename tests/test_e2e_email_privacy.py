"""Personal data by email, end to end over the fake Bot API and a real SMTP server: a
journalist who gave an address in chat gets it in /mydata and /forget takes it; an
organiser erases a journalist known by email alone with /email_forget (asked once) or
from the console, organisers only; afterwards neither the database file nor its WAL
holds their address, name or outlet."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from bot.app import App
from bot.config import Settings
from bot.email.values import ContactForm
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import running_app
from tests.email_kit import SmtpServer, email_settings, smtp_server
from tests.fake_bot_api import FakeBotAPI
from tests.hall_kit import tap
from tests.press_kit import OFFICE
from tests.privacy_kit import found_in_files
from tests.scheduler import ClockScheduler
from tests.test_e2e_email_chat import apply
from tests.test_e2e_press import buttons, say
from tests.test_web_auth import fetch, signed, web_app

ONLY_EMAIL = ("Quennell Ardsworth", "Ardsworth Ledger", "q.ardsworth@ledger.example")
JANE = (b"jane@dailyplanet.com", b"Daily Planet")


@pytest.fixture
async def smtp() -> AsyncIterator[SmtpServer]:
    async with smtp_server() as server:
        yield server


@pytest.fixture
async def mailing(
    settings: Settings, smtp: SmtpServer, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[tuple[App, Settings]]:
    changed = email_settings(settings, smtp, "https://press.example.org")
    async with running_app(changed, clock, scheduler) as app:
        yield app, changed


async def test_a_journalists_address_is_in_their_copy_and_goes_with_them(
    fake: FakeBotAPI, mailing: tuple[App, Settings], smtp: SmtpServer
) -> None:
    app, settings = mailing
    journalist = await apply(fake, 2201)
    offer = await journalist.receive()
    await journalist.press(offer, "✉️ Give an email address")
    await journalist.receive()
    await say(journalist, "jane@dailyplanet.com")
    await smtp.inbox.wait_for(1)  # the welcome, sent: its row says so
    summary = await say(journalist, "/mydata")
    assert "Your email address, what you chose to get by email, its dates: 1" in summary["text"]
    assert "Emails sent or waiting for your address (what, when, state): 1" in summary["text"]
    document = await journalist.receive()
    copy = json.loads(fake.files[document["document"]["file_id"]])
    assert copy["tables"]["email_contacts"][0]["address"] == "jane@dailyplanet.com"
    assert copy["tables"]["email_outbox"][0]["kind"] == "email.advisory"

    ask = await say(journalist, "/forget")
    done = await tap(journalist, ask, "🗑 Yes, erase everything")
    assert done["text"].startswith("Done: everything the bot kept about you is erased.")
    assert await app.store.email_contacts.all() == []
    assert found_in_files(settings.database_path, list(JANE)) == {}


async def test_an_organiser_erases_a_journalist_known_by_email_only(
    fake: FakeBotAPI, mailing: tuple[App, Settings], smtp: SmtpServer
) -> None:
    app, settings = mailing
    name, outlet, address = ONLY_EMAIL
    await app.dispatcher["email_desk"].accredit(OFFICE, ContactForm(name, outlet, address, "ru"))
    await smtp.inbox.wait_for(1)
    stranger = fake.user(2202, first_name="Jane", language_code="en")
    refused = await say(stranger, f"/email_forget {address}")
    assert "organisers" in refused["text"]
    office = fake.user(OFFICE.id, first_name="Press office", language_code="en")
    usage = await say(office, "/email_forget")
    assert usage["text"].startswith("Send /email_forget with the address")
    unknown = await say(office, "/email_forget nobody@ledger.example")
    assert unknown["text"] == "No journalist by email has this address. Nothing was erased."

    ask = await say(office, f"/email_forget {address.upper()}")
    assert ask["text"].startswith(f"Erase {name} ({outlet}), {address}?")
    assert buttons(ask) == ["🗑 Yes, erase", "Keep their data"]
    kept = await tap(office, ask, "Keep their data")
    assert kept["text"] == "Nothing was erased."
    assert len(await app.store.email_contacts.all()) == 1
    ask = await say(office, f"/email_forget {address}")
    done = await tap(office, ask, "🗑 Yes, erase")
    assert done["text"] == "Erased: the address and everything kept for it."
    assert await app.store.email_contacts.all() == []
    [logged] = [e for e in await app.store.privacy.log_entries() if e["action"] == "erase-email"]
    assert logged["actor_id"] == OFFICE.id
    words = [word.encode() for word in ONLY_EMAIL]
    assert found_in_files(settings.database_path, words) == {}


async def test_the_console_erases_a_journalist_known_by_email_only_for_organisers_only(
    settings: Settings, smtp: SmtpServer, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    changed = email_settings(settings, smtp, "https://press.example.org")
    async with web_app(changed, clock, scheduler) as (app, base):
        desk = app.dispatcher["email_desk"]
        his = await desk.accredit(OFFICE, ContactForm(*ONLY_EMAIL, "ru"))
        await app.store.users.touch(2203, "Jane", None, "en", clock.now())
        jane = ContactForm("Jane Doe", "Daily Planet", "jane@dailyplanet.com", "en")
        hers = await desk.give_address(User(2203, "Jane", "en", Role.PRESS), jane)
        page = f"/app/organiser/email/{his.id}/forget"
        _, body, _ = await fetch(base, "/app/organiser/email", signed(OFFICE.id, clock))
        assert f'action="organiser/email/{his.id}/forget"' in body
        assert f'action="organiser/email/{hers.id}/forget"' not in body, "she uses /forget"

        status, _, _ = await fetch(base, page, signed(2203, clock), method="POST", data={})
        assert status == 403
        forged = f"/app/organiser/email/{hers.id}/forget"
        status, body, _ = await fetch(
            base, forged, signed(OFFICE.id, clock), method="POST", data={}
        )
        assert (status, 'data-note="email_uses_telegram"' in body) == (409, True)
        missing = "/app/organiser/email/999/forget"
        status, _, _ = await fetch(base, missing, signed(OFFICE.id, clock), method="POST", data={})
        assert status == 404
        assert len(await app.store.email_contacts.all()) == 2, "nothing changed"

        status, body, _ = await fetch(base, page, signed(OFFICE.id, clock), method="POST", data={})
        assert (status, 'data-note="email_erased"' in body) == (200, True)
        assert ONLY_EMAIL[0] not in body
        assert [c.id for c in await app.store.email_contacts.all()] == [hers.id]
        words = [word.encode() for word in ONLY_EMAIL]
        assert found_in_files(changed.database_path, words) == {}
