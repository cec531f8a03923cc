"""The console's email page: an organiser accredits a journalist by email alone (the same
service as chat, so the media advisory goes out); bad fields store nothing; organisers
only."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import App
from bot.config import Settings
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.email_kit import SmtpServer, bodies, email_settings, smtp_server
from tests.scheduler import ClockScheduler
from tests.test_web_auth import fetch, signed, web_app

ORGANISER = 900001


@pytest.fixture
async def smtp() -> AsyncIterator[SmtpServer]:
    async with smtp_server() as server:
        yield server


@pytest.fixture
async def console(
    settings: Settings, smtp: SmtpServer, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[tuple[App, str]]:
    changed = email_settings(settings, smtp, "https://press.example.org")
    async with web_app(changed, clock, scheduler) as running:
        yield running


async def post(base: str, clock: ManualClock, user: int, **form: str) -> tuple[int, str]:
    status, body, _ = await fetch(
        base, "/app/organiser/email", signed(user, clock), method="POST", data=form
    )
    return status, body


async def test_an_organiser_accredits_by_email_alone_from_the_console(
    console: tuple[App, str], clock: ManualClock, smtp: SmtpServer
) -> None:
    _app, base = console
    status, body = await post(
        base,
        clock,
        ORGANISER,
        name="Ogulgerek <Nurmuhammedova>",
        outlet="Turkmenportal",
        address="ogulgerek@turkmenportal.com",
        language="en",
    )
    assert status == 200
    assert 'data-note="email_accredited"' in body
    assert "Ogulgerek &lt;Nurmuhammedova&gt;" in body
    (advisory,) = await smtp.inbox.wait_for(1)
    assert str(advisory["Subject"]).startswith("Media advisory: ")
    status, body, _ = await fetch(base, "/app/organiser/email", signed(ORGANISER, clock))
    assert status == 200
    assert "ogulgerek@turkmenportal.com" in body
    assert 'href="#/organiser/email" aria-current="page"' in body


@pytest.mark.parametrize(
    ("form", "status", "problem"),
    [
        ({"address": "ogulgerek@turkmenportal"}, 400, "That is not an email address"),
        ({"name": "A"}, 400, "Too short"),
        ({"language": "tk"}, 400, "Choose Russian or English."),
    ],
)
async def test_a_bad_field_stores_nothing(
    console: tuple[App, str], clock: ManualClock, form: dict[str, str], status: int, problem: str
) -> None:
    app, base = console
    typed = {
        "name": "Ogulgerek",
        "outlet": "Turkmenportal",
        "address": "ogulgerek@turkmenportal.com",
        "language": "en",
        **form,
    }
    got, body = await post(base, clock, ORGANISER, **typed)
    assert got == status
    assert problem in body
    assert await app.store.email_contacts.all() == []


async def test_a_known_address_and_a_journalist_are_refused(
    console: tuple[App, str], clock: ManualClock
) -> None:
    app, base = console
    typed = {
        "name": "Ogulgerek",
        "outlet": "Turkmenportal",
        "address": "ogulgerek@turkmenportal.com",
        "language": "ru",
    }
    assert (await post(base, clock, ORGANISER, **typed))[0] == 200
    status, body = await post(base, clock, ORGANISER, **{**typed, "name": "Somebody Else"})
    assert status == 409
    assert "already registered" in body
    assert (await post(base, clock, 6201, **typed))[0] == 403
    assert len(await app.store.email_contacts.all()) == 1


async def test_a_question_sent_by_email_is_filed_and_its_answer_goes_back_by_email(
    console: tuple[App, str], clock: ManualClock, smtp: SmtpServer
) -> None:
    app, base = console
    typed = {
        "name": "Ogulgerek",
        "outlet": "Turkmenportal",
        "address": "ogulgerek@turkmenportal.com",
        "language": "en",
    }
    assert (await post(base, clock, ORGANISER, **typed))[0] == 200
    (contact,) = await app.store.email_contacts.all()
    path = f"/app/organiser/email/{contact.id}/request"
    status, body, _ = await fetch(
        base, path, signed(ORGANISER, clock), method="POST", data={"question": "Hi", "hours": "24"}
    )
    assert status == 400
    assert "Too short" in body
    question = {"question": "How many volunteers take part?", "hours": "24"}
    status, body, _ = await fetch(
        base, path, signed(ORGANISER, clock), method="POST", data=question
    )
    assert status == 200
    assert 'data-note="email_request_filed"' in body
    office = User(ORGANISER, "Press office", "en", Role.ORGANISER)
    quotes = app.dispatcher["quote_requests"]
    (filed,) = await quotes.queue(office)
    assert filed.question == "How many volunteers take part?"
    await quotes.answer(office, filed.id, "More than two hundred.", to_bank=False)
    answer = (await smtp.inbox.wait_for(2))[1]
    assert str(answer["Subject"]) == f"Answer to your request No. {filed.id}"
    assert "«More than two hundred.» — The organisers" in bodies(answer)[0]
