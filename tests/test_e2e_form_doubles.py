"""Issue 20, item 2: the last answer of a form sent twice, both copies in one getUpdates batch
(a slow network resends it). The first copy finishes the form once; the second gets the
ordinary answer for where the user now is, never the apology, and nothing is logged as a
failure. Every declared form is tested: the cases come from the form declarations."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

import handlers  # noqa: F401  (imports every feature, so every form is declared)
from bot.app import App
from bot.config import Settings
from handlers.common.forms import _FORMS, Form
from tests.clock import ManualClock
from tests.conftest import running_app
from tests.email_kit import SmtpServer, email_settings, smtp_server
from tests.fake_bot_api import FakeBotAPI, FakeUser
from tests.form_drivers import BY_EMAIL, DRIVERS, LastStep, Scene
from tests.scheduler import ClockScheduler

Message = dict[str, Any]
APOLOGY = "Sorry, something went wrong on our side."
NOTHING_TO_DO = "I answer commands and buttons. Choose from the menu below, or send /help."


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """No 1 s pause between two messages to one chat: the drivers read several in a row."""
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


@pytest.fixture
async def smtp() -> AsyncIterator[SmtpServer]:
    async with smtp_server() as server:
        yield server


@pytest.fixture
async def mailing(
    settings: Settings, smtp: SmtpServer, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[App]:
    """The bot with email on, for the forms that exist only then."""
    async with running_app(
        email_settings(settings, smtp, "https://press.example"), clock, scheduler
    ) as app:
        yield app


def all_forms() -> list[Form]:
    return sorted(_FORMS, key=lambda form: form.name)


async def settle(user: FakeUser) -> list[Message]:
    """Every bot message or edit in the user's chat until it has been quiet for a while
    after the first (which may take a few seconds: accrediting by email renders the media
    advisory's letter before it answers)."""
    events: list[Message] = [await user.receive(timeout=10)]
    while True:
        try:
            events.append(await user.receive(timeout=0.6))
        except AssertionError:
            return events


def one_batch(fake: FakeBotAPI, update_ids: set[int]) -> bool:
    return any(
        update_ids <= {update["update_id"] for update in (call.response or {}).get("result", [])}
        for call in fake.calls_to("getUpdates")
        if isinstance((call.response or {}).get("result"), list)
    )


async def count(app: App, query: str) -> int:
    rows = await app.store.db.execute_fetchall(query)
    return int(next(iter(rows))[0])


async def send_twice(fake: FakeBotAPI, last: LastStep) -> tuple[set[int], list[str]]:
    """Both copies queued before the bot polls again; returns their update ids and, for a
    button, the callback query ids."""
    first_id = fake._next_update_id
    if last.text is not None:
        await last.user.send(last.text)
        await last.user.send(last.text)
        return {first_id, first_id + 1}, []
    assert last.button is not None
    message, button = last.button
    queries = [await last.user.press(message, button), await last.user.press(message, button)]
    return {first_id, first_id + 1}, queries


def declared(*, by_email: bool) -> list[Form]:
    """Every declared form of one kind (a form that is missing from ``DRIVERS`` counts as
    not by email, so it fails below for want of a driver)."""
    return [form for form in all_forms() if (form.name in BY_EMAIL) is by_email]


@pytest.mark.parametrize("form", declared(by_email=False), ids=lambda form: form.name)
async def test_the_last_answer_sent_twice_finishes_the_form_once(
    form: Form,
    fake: FakeBotAPI,
    app: App,
    clock: ManualClock,
    scheduler: ClockScheduler,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await finishes_once(form, Scene(app, fake, clock, scheduler), caplog)


@pytest.mark.parametrize("form", declared(by_email=True), ids=lambda form: form.name)
async def test_the_last_answer_sent_twice_finishes_an_email_form_once(
    form: Form,
    fake: FakeBotAPI,
    mailing: App,
    clock: ManualClock,
    scheduler: ClockScheduler,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await finishes_once(form, Scene(mailing, fake, clock, scheduler), caplog)


async def finishes_once(form: Form, scene: Scene, caplog: pytest.LogCaptureFixture) -> None:
    drive = DRIVERS.get(form.name)
    assert drive is not None, f"form {form.name!r} has no driver in tests/form_drivers.py"
    app, fake = scene.app, scene.fake
    last = await drive(scene)
    before = await count(app, last.rows)
    caplog.clear()
    caplog.set_level(logging.WARNING)

    update_ids, queries = await send_twice(fake, last)
    events = await settle(last.user)

    assert one_batch(fake, update_ids), "the two copies were not delivered in one batch"
    texts = [event.get("text") or event.get("caption") or "" for event in events]
    assert not [text for text in texts if text.startswith(APOLOGY)], texts
    assert len([text for text in texts if text.startswith(last.done)]) == 1, texts
    assert await count(app, last.rows) == before + 1
    if last.text is not None:
        assert texts.count(NOTHING_TO_DO) == 1, texts
    else:
        answers = [await last.user.wait_answer(query) for query in queries]
        with app.i18n.context(), app.i18n.use_locale("en"):
            stale = form.stale()
        assert answers[1].get("text") == stale, answers
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not failures, [r.getMessage() for r in failures]
