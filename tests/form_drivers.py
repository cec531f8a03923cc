"""Every declared form driven to its last step over the fake Bot API, as users reach it.

``DRIVERS`` maps a form's name (``Form.name``) to a coroutine that brings a user to the
form's last step and says what the last answer is: a typed text or a button press. The
double-send test (tests/test_e2e_form_doubles.py) is parametrised by the *declared* forms,
so a new form without a driver here fails there until one is written.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.app import App
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI, FakeUser
from tests.hall_kit import open_session, tap
from tests.scheduler import ClockScheduler
from tests.test_e2e_broadcasts import compose
from tests.test_e2e_press import accredited, button_starting, organiser, say
from tests.test_e2e_press_interviews import TOPIC, request_interview
from tests.test_e2e_press_photos import answer_steps, document_on_telegram, incoming
from tests.test_reminders import open_session as open_day_session

Message = dict[str, Any]
ORGANISER = 900001


@dataclass(frozen=True)
class Scene:
    app: App
    fake: FakeBotAPI
    clock: ManualClock
    scheduler: ClockScheduler


@dataclass(frozen=True)
class LastStep:
    """Where a driver leaves the user: the answer that finishes the form, and how to tell
    that it finished (the confirmation's start, and rows that one finish adds)."""

    user: FakeUser
    done: str
    rows: str
    """A ``SELECT COUNT(*)`` that one finish raises by exactly one."""
    text: str | None = None
    button: tuple[Message, str] | None = None


Driver = Callable[[Scene], Awaitable[LastStep]]
DRIVERS: dict[str, Driver] = {}
BY_EMAIL: set[str] = set()
"""Forms that exist only while email is on (SMTP_HOST): their bot runs with an SMTP server."""


def driver(name: str, *, email: bool = False) -> Callable[[Driver], Driver]:
    def register(drive: Driver) -> Driver:
        DRIVERS[name] = drive
        if email:
            BY_EMAIL.add(name)
        return drive

    return register


@driver("apply")
async def _apply(scene: Scene) -> LastStep:
    await organiser(scene.fake)
    journalist = scene.fake.user(2501, language_code="en")
    menu = await say(journalist, "/press")
    await journalist.press(menu, "🪪 Apply for accreditation")
    await journalist.receive()
    for answer in ("John Smith", "Daily News", "editor"):
        await say(journalist, answer)
    done = "Thank you! Your application is with the organisers"
    rows = "SELECT COUNT(*) FROM accreditations"
    return LastStep(journalist, done, rows, text="john@example.org")


@driver("release")
async def _release(scene: Scene) -> LastStep:
    office = await organiser(scene.fake)
    await say(office, "/publish")
    await say(office, "Results of the first day")
    languages = await say(office, "Ashgabat, 5 September. The meeting opened at the hotel.")
    await office.press(languages, "Publish in one language")
    await office.press(await office.receive(), "No embargo")
    await office.receive()  # «Preview — publish it?»
    preview = await office.receive()
    rows = "SELECT COUNT(*) FROM press_releases"
    return LastStep(office, "✅ Published.", rows, button=(preview, "✅ Publish"))


@driver("photo")
async def _photo(scene: Scene) -> LastStep:
    office = await organiser(scene.fake)
    document = await document_on_telegram(scene.app, office, "IMG_0412.png")
    await say(office, "/upload_photo")
    incoming(office, document=document, caption="Delegates at the opening session")
    step2 = await office.receive()
    await office.press(step2, "Keep «Delegates at the opening session»")
    await office.receive()
    preview = await answer_steps(office, "Aina Berdyeva / TRCS", "Fri, 5 September", warning=False)
    done = "✅ Photo No. 1 is in the gallery"
    rows = "SELECT COUNT(*) FROM press_photos"
    return LastStep(office, done, rows, button=(preview, "✅ Publish"))


async def quote_request(scene: Scene, user_id: int) -> FakeUser:
    """An accredited journalist's request to the organisers; the office holds its alert."""
    journalist = await accredited(scene.app, scene.fake, user_id)
    start = await say(journalist, "/ask")
    await journalist.press(start, "The organisers")
    await journalist.receive()
    await say(journalist, "When is the final communiqué published?")
    await say(journalist, "18:30")
    return journalist


@driver("ask")
async def _ask(scene: Scene) -> LastStep:
    await organiser(scene.fake)
    journalist = await accredited(scene.app, scene.fake, 2502)
    start = await say(journalist, "/ask")
    await journalist.press(start, "The organisers")
    await journalist.receive()
    await say(journalist, "When is the final communiqué published?")
    done = "Your request No. 1 is registered"
    return LastStep(journalist, done, "SELECT COUNT(*) FROM quote_requests", text="18:30")


async def opened_request(scene: Scene) -> tuple[FakeUser, Message]:
    """The office, with a journalist's quote request open in the press queue."""
    office = await organiser(scene.fake)
    await quote_request(scene, 2503)
    alert = await office.receive()
    await office.press(alert, "Open in the press queue")
    return office, await office.receive()


@driver("answer")
async def _answer(scene: Scene) -> LastStep:
    office, detail = await opened_request(scene)
    await office.press(detail, "🙋 Take")
    taken = await office.receive()
    await office.press(taken, "💬 Answer")
    await office.receive()
    mode = await say(office, "The communiqué is published on 6 September at 18:00.")
    done = "✅ The answer to request No. 1 was sent."
    rows = "SELECT COUNT(*) FROM quote_requests WHERE status = 'answered'"
    return LastStep(office, done, rows, button=(mode, "Send"))


@driver("decline")
async def _decline(scene: Scene) -> LastStep:
    office, detail = await opened_request(scene)
    await office.press(detail, "✖ Decline")
    await office.receive()
    rows = "SELECT COUNT(*) FROM quote_requests WHERE status = 'declined'"
    return LastStep(office, "Request No. 1 was declined", rows, text="Not planned, sorry.")


@driver("interview")
async def _interview(scene: Scene) -> LastStep:
    await organiser(scene.fake)
    reader = await accredited(scene.app, scene.fake, 2504)
    step1 = await say(reader, "/interview")
    await reader.press(step1, "Maral Achilova")
    await reader.receive()
    await say(reader, TOPIC)
    done = "Your interview request No. 1 is with the press office"
    rows = "SELECT COUNT(*) FROM interview_requests"
    return LastStep(reader, done, rows, text="05.09 15:00")


async def interview_card(scene: Scene, button: str) -> FakeUser:
    """The office pressed ``button`` on a new interview request's card."""
    office = await organiser(scene.fake)
    reader = await accredited(scene.app, scene.fake, 2505)
    await request_interview(reader, "Biljana Milošević", TOPIC, "05.09 15:00")
    card = await office.receive()
    await office.press(card, button)
    await office.receive()
    return office


@driver("interview_propose")
async def _interview_propose(scene: Scene) -> LastStep:
    office = await interview_card(scene, "🕑 Propose another time")
    rows = "SELECT COUNT(*) FROM outbox WHERE kind = 'press.interview' AND chat_id = 2505"
    return LastStep(office, "The time is proposed", rows, text="06.09 16:00")


@driver("interview_decline")
async def _interview_decline(scene: Scene) -> LastStep:
    office = await interview_card(scene, "✖ Decline")
    done = "Interview request No. 1 was declined"
    rows = "SELECT COUNT(*) FROM interview_requests WHERE status = 'declined'"
    return LastStep(office, done, rows, text="The schedule is full.")


@driver("question")
async def _question(scene: Scene) -> LastStep:
    scene.clock.set(local(5, 9, 50))  # ten minutes before the opening: questions are taken
    anna = scene.fake.user(2506, first_name="Anna", language_code="en")
    prompt = await tap(anna, await open_session(anna), "❓ Ask a question")
    assert prompt["text"].startswith("Your question to")
    sign = await say(anna, "What will the societies do together next year?")
    done = "✅ Thank you! Your question went to the moderators."
    return LastStep(anna, done, "SELECT COUNT(*) FROM questions", button=(sign, "👤 As Anna"))


@driver("feedback_comment")
async def _feedback_comment(scene: Scene) -> LastStep:
    anna = scene.fake.user(2507, language_code="en")
    await tap(anna, await open_session(anna), "🔔 Remind me")
    scene.clock.set(local(5, 10, 30))  # the opening ends: its followers are asked
    await scene.scheduler.run_due()
    asked = await anna.receive()
    await anna.press(asked, "4 ⭐")
    rated = await anna.receive()
    await tap(anna, rated, "💬 Add a comment")
    rows = "SELECT COUNT(*) FROM feedback WHERE comment IS NOT NULL"
    done = "Thank you, your comment is saved."
    return LastStep(anna, done, rows, text="Clear and short — thank you.")


@driver("broadcast")
async def _broadcast(scene: Scene) -> LastStep:
    office = await organiser(scene.fake)
    audience = await compose(office, "The bus leaves at 18:00.")
    await office.press(audience, "Organisers")
    await office.receive()  # «Audience: …»
    await office.receive()  # the preview
    question = await office.receive()
    rows = "SELECT COUNT(*) FROM broadcasts"
    return LastStep(office, "📣 Broadcast #1", rows, button=(question, "✅ Send"))


@driver("summary")
async def _summary(scene: Scene) -> LastStep:
    office = await organiser(scene.fake)
    days = await say(office, "/publish_summary")
    await office.press(days, button_starting(days, "Sat, 6 September"))
    await office.receive()
    await say(office, "Day two: income generation and volunteers")
    await office.send("The participants discussed income-generating activities.")
    await office.receive()  # «Preview — publish it?»
    preview = await office.receive()
    rows = "SELECT COUNT(*) FROM summaries"
    return LastStep(office, "✅ Published.", rows, button=(preview, "✅ Publish"))


async def programme_change(scene: Scene, day: str, time: str, action: str, *typed: str) -> LastStep:
    """An organiser's change of a session from its page: ``action``, then ``typed``; the
    last answer is «✅ Confirm» under the preview."""
    office = scene.fake.user(ORGANISER, language_code="en")
    page = await open_day_session(office, day, time)
    await office.press(page, "✏️ Change")
    menu = await office.receive()
    await office.press(menu, action)
    preview = await office.receive()
    for text in typed:
        preview = await say(office, text)
    rows = "SELECT COUNT(*) FROM programme_log"
    return LastStep(office, "✅ Changed.", rows, button=(preview, "✅ Confirm"))


@driver("programme-confirm")
async def _programme_confirm(scene: Scene) -> LastStep:
    return await programme_change(scene, "Sat", "14:00", "❌ Cancel the session")


@driver("programme-times")
async def _programme_times(scene: Scene) -> LastStep:
    return await programme_change(scene, "Fri", "14:30", "🕘 New time", "23:00—23:50")


@driver("programme-room")
async def _programme_room(scene: Scene) -> LastStep:
    return await programme_change(scene, "Fri", "10:00", "📍 Room", "Hall B")


@driver("programme-title")
async def _programme_title(scene: Scene) -> LastStep:
    titles = ("Делегации за работой", "Delegations at work")
    return await programme_change(scene, "Fri", "14:30", "✏️ Title", *titles)


@driver("programme-description")
async def _programme_description(scene: Scene) -> LastStep:
    texts = ("Делегации рассказывают о своей работе.", "Delegations present their work.")
    return await programme_change(scene, "Fri", "14:30", "📝 Description", *texts)


@driver("programme-add")
async def _programme_add(scene: Scene) -> LastStep:
    office = scene.fake.user(ORGANISER, language_code="en")
    page = await open_day_session(office, "Sat", "10:00")
    await office.press(page, "✏️ Change")
    menu = await office.receive()
    await office.press(menu, "➕ Add a session to this day")
    await office.receive()
    for text in ("Закрытие встречи", "Closing of the meeting", "16:00-17:00"):
        await say(office, text)
    preview = await say(office, "Hall B")
    rows = "SELECT COUNT(*) FROM programme_log"
    return LastStep(office, "✅ Changed.", rows, button=(preview, "✅ Confirm"))


@driver("email_accredit", email=True)
async def _email_accredit(scene: Scene) -> LastStep:
    office = await organiser(scene.fake)
    await say(office, "/email_accredit")
    for answer in ("Aina Meredova", "Turkmenportal", "aina@turkmenportal.example"):
        await say(office, answer)
    done = "✅ Accredited by email."
    return LastStep(office, done, "SELECT COUNT(*) FROM email_contacts", text="ru")


@driver("email_address", email=True)
async def _email_address(scene: Scene) -> LastStep:
    await organiser(scene.fake)
    journalist = scene.fake.user(2502, language_code="en")
    menu = await say(journalist, "/press")
    await journalist.press(menu, "🪪 Apply for accreditation")
    await journalist.receive()
    for answer in ("Jane Doe", "Daily Planet", "correspondent", "+993 12 345678"):
        await say(journalist, answer)
    offer = await journalist.receive()
    await journalist.press(offer, "✉️ Give an email address")
    await journalist.receive()
    done = "✉️ Email: jane@dailyplanet.example"
    rows = "SELECT COUNT(*) FROM email_contacts"
    return LastStep(journalist, done, rows, text="jane@dailyplanet.example")
