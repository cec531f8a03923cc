"""The Mini App's pages over HTTP: the same services, rules and store as chat, in ru and en."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

import pytest
from aiogram.utils.i18n import I18n

from bot.agenda.values import Session
from bot.app import App
from bot.config import Settings
from bot.content.models import Text
from bot.i18n.catalogues import build_i18n
from bot.press.values import AccreditationForm
from bot.users.values import Role, User
from bot.web.buttons import web_app_button
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.test_web_auth import PUBLIC_URL, fetch, signed


@pytest.fixture
def app_i18n() -> I18n:
    return build_i18n("ru")


ORGANISER = User(id=900001, first_name="", language="en", role=Role.ORGANISER)


async def first_session(app: App, day: int = 5) -> Session:
    sessions = await app.dispatcher["agenda"].programme()
    return next(s for s in sessions if s.day == dt.date(2025, 9, day))


async def test_programme_in_the_telegram_language_until_a_choice_in_chat(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    _, base = web
    status, body, headers = await fetch(base, "/app/programme", signed(5001, clock))
    assert status == 200
    assert headers["Cache-Control"] == "no-store"
    assert 'data-page="programme"' in body
    assert "The meeting opens on Friday, 5 September at 10:00." in body
    assert "Opening of the meeting" in body  # next
    assert "Ashgabat time, UTC+5" in body
    status, body, _ = await fetch(base, "/app/programme", signed(5002, clock, language="ru"))
    assert "Встреча открывается: пятница, 5 сентября, 10:00." in body
    assert "Открытие встречи" in body

    user = fake.user(5001, language_code="en")
    await user.send("/start")
    menu = await user.receive()
    await user.press(menu, "🇷🇺 Русский")
    await user.receive()
    _, body, _ = await fetch(base, "/app/programme", signed(5001, clock))
    assert "Встреча открывается" in body, "the choice in chat wins over Telegram's language"


async def test_now_and_next_while_the_meeting_runs_and_after(
    web: tuple[App, str], clock: ManualClock
) -> None:
    _, base = web
    clock.set(local(5, 10, 40))
    _, body, _ = await fetch(base, "/app/programme", signed(5003, clock))
    on_now = body.split("On now")[1].split("Next")[0]
    assert "Welcome addresses" in on_now
    assert "Thematic discussion" in body.split("Next")[1].split("Days")[0]
    clock.set(local(7, 9, 0))
    _, body, _ = await fetch(base, "/app/programme", signed(5003, clock))
    assert "The meeting is over" in body


async def test_a_day_and_a_session_with_speakers_room_and_description(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    _, body, _ = await fetch(base, "/app/day/20250905", signed(5004, clock))
    assert 'data-page="day"' in body
    assert "Friday, 5 September" in body
    assert "10:00–10:30" in body
    session = await first_session(app)
    _, body, _ = await fetch(base, f"/app/session/{session.id}", signed(5004, clock))
    assert "Opening of the meeting" in body
    assert "Maral Achilova" in body
    assert "conference hall" in body.lower()
    assert "The time is provisional." in body
    assert "Remind me" in body
    assert html.escape(session.description.get("en"))[:60] in body  # type: ignore[union-attr]


async def test_following_on_the_web_is_following_in_chat(
    web: tuple[App, str], clock: ManualClock, fake: FakeBotAPI
) -> None:
    app, base = web
    user = fake.user(5005, language_code="en")
    session = await first_session(app, day=6)
    path = f"/app/session/{session.id}"
    status, body, _ = await fetch(base, path + "/follow", signed(5005, clock), method="POST")
    assert status == 200
    assert "Done: the session is in My agenda" in body
    assert "Don&#39;t remind me" in body
    _, body, _ = await fetch(base, "/app/agenda", signed(5005, clock))
    assert "Developing income-generating activities" in body
    assert "15 minutes before each session" in body
    await user.send("/reminders")
    listing = await user.receive()
    assert "Developing income-generating activities" in listing["text"]

    status, body, _ = await fetch(base, path + "/unfollow", signed(5005, clock), method="POST")
    assert "You no longer follow this session." in body
    assert not await app.dispatcher["reminders"].is_subscribed(5005, session.id)
    _, body, _ = await fetch(base, "/app/agenda", signed(5005, clock))
    assert "You follow no sessions yet" in body


async def test_a_started_session_cannot_be_followed(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    session = await first_session(app)
    clock.set(local(5, 10, 5))
    status, body, _ = await fetch(
        base, f"/app/session/{session.id}/follow", signed(5006, clock), method="POST"
    )
    assert status == 200
    assert "it can no longer be followed" in body
    assert "Remind me" not in body
    assert not await app.dispatcher["reminders"].is_subscribed(5006, session.id)


async def test_embargoed_releases_only_for_accredited_journalists(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    publishing = app.dispatcher["publishing"]
    embargo = local(5, 12, 0)
    release = await publishing.publish_release(
        ORGANISER, "web-1", "Embargoed <news>", "Body text", embargo
    )
    journalist, reader = 5101, 5102
    await fetch(base, "/app/press", signed(journalist, clock))
    accreditation = app.dispatcher["accreditation"]
    form = AccreditationForm("Ann Reporter", "Daily", "Editor", "ann@example.org")
    await accreditation.apply(User(journalist, "Ann", "en"), form)
    [application] = await accreditation.pending(ORGANISER)
    await accreditation.decide(ORGANISER, application.id, approve=True)

    _, body, _ = await fetch(base, "/app/press", signed(journalist, clock))
    assert "Embargoed &lt;news&gt;" in body
    assert "Embargo until Friday, 5 September, 12:00" in body
    status, body, _ = await fetch(base, f"/app/release/{release.id}", signed(journalist, clock))
    assert status == 200
    assert "Body text" in body

    _, body, _ = await fetch(base, "/app/press", signed(reader, clock))
    assert "Embargoed" not in body
    assert "No press releases yet." in body
    status, _, _ = await fetch(base, f"/app/release/{release.id}", signed(reader, clock))
    assert status == 404
    clock.set(embargo)
    _, body, _ = await fetch(base, "/app/press", signed(reader, clock))
    assert "Embargoed &lt;news&gt;" in body


async def test_summaries_and_delegations(web: tuple[App, str], clock: ManualClock) -> None:
    app, base = web
    _, body, _ = await fetch(base, "/app/press", signed(5007, clock, language="ru"))
    assert "Итоги дня" in body
    assert "ещё не опубликованы" in body  # day 2
    status, body, _ = await fetch(base, "/app/summary/20250905", signed(5007, clock))
    assert status == 200
    assert "Day one: the CIS Red Cross" in body
    status, _, _ = await fetch(base, "/app/summary/20250906", signed(5007, clock))
    assert status == 404

    _, body, _ = await fetch(base, "/app/delegations", signed(5007, clock))
    assert "National Societies" in body
    assert "Observers" in body
    participants = await app.dispatcher["delegations"].participants()
    qatar = participants.observers[0]
    _, body, _ = await fetch(base, f"/app/delegation/{qatar.id}", signed(5007, clock))
    assert html.escape(qatar.name.get("en")) in body


async def test_the_menu_button_opens_the_mini_app(web: tuple[App, str], fake: FakeBotAPI) -> None:
    assert fake.menu_buttons[None] == {
        "type": "web_app",
        "text": "Программа",
        "web_app": {"url": f"{PUBLIC_URL}/app/"},
    }


async def test_without_a_public_url_no_menu_button_is_set(fake: FakeBotAPI, app: App) -> None:
    assert fake.menu_buttons == {}
    assert fake.calls_to("setChatMenuButton") == []


async def test_open_programme_button_for_the_agenda(settings: Settings, app_i18n: I18n) -> None:
    assert web_app_button(settings, "en") is None
    public = settings.model_copy(update={"web_public_url": PUBLIC_URL})
    with app_i18n.context():
        english = web_app_button(public, "en")
        russian = web_app_button(public, "ru")
    assert english is not None
    assert russian is not None
    assert english.text == "📱 Open programme"
    assert russian.text == "📱 Открыть программу"
    assert english.web_app is not None
    assert english.web_app.url == f"{PUBLIC_URL}/app/"


async def test_data_text_is_escaped_in_every_page(web: tuple[App, str]) -> None:
    app, _ = web
    pages = app.web.context.pages
    reader_frame = await app.web.context.reader(User(1, "", "en"))
    session = await first_session(app)
    hostile = Text(ru="<script>alert(1)</script>", en="<img src=x onerror=alert(1)>")
    body = pages.html(
        "session.html",
        "en",
        r=reader_frame,
        session=dataclasses.replace(session, title=hostile),
        following=False,
        note=None,
        day_key=lambda date: date.strftime("%Y%m%d"),
    )
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert re.search(r"<script", body) is None


async def test_agenda_in_chat_offers_the_mini_app(web: tuple[App, str], fake: FakeBotAPI) -> None:
    user = fake.user(5101, language_code="en")
    await user.send("/agenda")
    days = await user.receive()
    apps = [
        button["web_app"]["url"]
        for row in days["reply_markup"]["inline_keyboard"]
        for button in row
        if button.get("text") == "📱 Open programme"
    ]
    assert apps == [f"{PUBLIC_URL}/app/"]


async def test_agenda_in_chat_without_a_public_url_has_no_mini_app_button(
    app: App, fake: FakeBotAPI
) -> None:
    user = fake.user(5102, language_code="en")
    await user.send("/agenda")
    days = await user.receive()
    texts = [b["text"] for row in days["reply_markup"]["inline_keyboard"] for b in row]
    assert "📱 Open programme" not in texts
