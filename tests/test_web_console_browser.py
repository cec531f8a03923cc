"""The organisers' console in a real browser (the Chromium and Playwright set-up of
test_web_browser.py, one browser for this module): an organiser approves an application and
the journalist gets chat's notice over the fake Bot API; an organiser edits a previewed
broadcast, sends it and cancels it while it is still sending; an organiser delays a
session and its followers are told, and the calendar feeds move with it; a journalist
is refused. The
console's screenshots in docs/screenshots/ come from this run."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from playwright.async_api import Browser, Dialog, Page

from bot.app import App
from bot.config import Settings
from bot.press.values import AccreditationForm
from bot.users.values import Role, User
from tests import fake_bot_api
from tests.browser_kit import browser, fake  # noqa: F401  (fixtures)
from tests.clock import ManualClock
from tests.conftest import local
from tests.programme_kit import rest, session_id
from tests.scheduler import ClockScheduler
from tests.test_web_auth import fetch, signed, web_app
from tests.test_web_browser import open_mini_app, shot, web  # noqa: F401  (web: a fixture)
from tests.test_web_calendar import events, make_link
from tests.test_web_console_broadcast import people, received
from tests.test_web_console_press import ask

pytestmark = pytest.mark.asyncio(loop_scope="module")

ORGANISER = User(900001, "Press office", "en", Role.ORGANISER)
FORM = AccreditationForm("Aylar Amanova", "Turkmen Daily", "correspondent", "+993 12 345678")
PRESS = range(7600, 7640)
ANNOUNCEMENT = "<b>Dinner</b> is at 19:00 in the <i>main hall</i>."


@pytest_asyncio.fixture(loop_scope="module")
async def slow_web(
    settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[tuple[App, str]]:
    """Messages leave at 4 a second: a broadcast to forty is still sending for seconds."""
    changes = {"delivery_rate": 4.0, "broadcast_progress_seconds": 0.05}
    async with web_app(settings, clock, scheduler, **changes) as running:
        yield running


async def test_an_organiser_approves_an_application_in_the_console(
    browser: Browser,
    web: tuple[App, str],
    fake: fake_bot_api.FakeBotAPI,
    clock: ManualClock,
) -> None:
    app, base = web
    journalist = fake.user(7501, first_name="Aylar", language_code="en")
    await journalist.send("/start")
    await journalist.receive()
    await app.dispatcher["accreditation"].apply(User(7501, "Aylar", "en"), FORM)
    await ask(app, clock, 7502, hours=0.5)

    page = await open_mini_app(browser, base, ORGANISER.id, clock, route="#/organiser/stats")
    await page.wait_for_selector('[data-page="console-stats"] figure[data-chart="followers"]')
    await shot(page, "console-stats", full_page=True)

    await page.click('nav.console a[href="#/organiser/press"]')
    await page.wait_for_selector('[data-page="console-press"]')
    assert "due soon" in await page.inner_text("main")
    await shot(page, "console-press")
    await page.click("a[data-application]")
    await page.wait_for_selector('[data-page="console-application"]')
    assert "Turkmen Daily" in await page.inner_text("main")
    await shot(page, "console-application")
    await page.click('button[data-action="approve"]')
    await page.wait_for_selector('[data-note="application_approved"]')
    notice = await journalist.receive()
    assert "Your accreditation is approved" in notice["text"]
    assert await app.dispatcher["access"].role_of(7501) is Role.PRESS

    await page.click('nav.console a[href="#/organiser/broadcast"]')
    await page.wait_for_selector('[data-page="console-broadcast"]')
    await page.check('input[name="kind"][value="press"]')
    await page.fill("#text", "<b>Press point</b> at 15:00 in hall B.\nBring your badge.")
    await page.click('button[data-action="preview"]')
    await page.wait_for_selector('[data-page="console-preview"]')
    assert "Recipients now: 1" in await page.inner_text("main")  # the approved journalist
    assert await page.inner_text("[data-preview] b") == "Press point"
    await shot(page, "console-preview")
    await page.context.close()


async def test_a_journalist_is_refused_the_console(
    browser: Browser,
    web: tuple[App, str],
    clock: ManualClock,
) -> None:
    app, base = web
    await app.dispatcher["users"].seen(7503, "Jo", None, "en")
    await app.dispatcher["access"].grant(7503, Role.PRESS)
    page = await open_mini_app(browser, base, 7503, clock, route="#/organiser/press")
    await page.wait_for_selector('[data-page="error"][data-status="403"]')
    assert "This page is for organisers only." in await page.inner_text("#view")
    await page.context.close()


async def test_an_organiser_edits_a_preview_sends_and_cancels_the_broadcast(
    browser: Browser,
    slow_web: tuple[App, str],
    fake: fake_bot_api.FakeBotAPI,
    clock: ManualClock,
) -> None:
    app, base = slow_web
    await people(app, fake, PRESS, Role.PRESS)
    page = await open_mini_app(browser, base, ORGANISER.id, clock, route="#/organiser/broadcast")
    await page.wait_for_selector('[data-page="console-broadcast"]')
    await page.check('input[name="kind"][value="press"]')
    await page.fill("#text", ANNOUNCEMENT)
    await page.click('button[data-action="preview"]')
    await page.wait_for_selector('[data-page="console-preview"]')
    await page.click('button[data-action="edit"]')
    await page.wait_for_selector('[data-page="console-broadcast"]')
    assert await page.input_value("#text") == ANNOUNCEMENT
    assert await page.is_checked('input[name="kind"][value="press"]')

    await page.click('button[data-action="preview"]')
    await page.wait_for_selector('[data-page="console-preview"]')
    assert "Recipients now: 40" in await page.inner_text("main")
    await page.click('button[data-action="send"]')
    await page.wait_for_selector('[data-page="console-progress"] [data-action="cancel"]')
    await shot(page, "console-progress")

    asked: list[str] = []

    async def answer_no(dialog: Dialog) -> None:
        asked.append(dialog.message)
        await dialog.dismiss()

    page.once("dialog", answer_no)  # no showConfirm in this client: the browser asks
    await page.click('button[data-action="cancel"]')
    await page.wait_for_timeout(300)  # time enough for a cancel that should not be posted
    assert asked == ["Stop broadcast No. 1? The messages not yet sent will not be sent."]
    [(state,)] = await app.store.db.execute_fetchall("SELECT state FROM broadcasts")
    assert state == "sending"

    await page.evaluate(
        "() => { Telegram.WebApp.showConfirm = function (message, done) {"
        " window.asked = message; done(true); }; }"
    )
    await page.click('button[data-action="cancel"]')
    await page.wait_for_selector("[data-notice]")
    assert await page.evaluate("window.asked") == asked[0]
    assert "will not be sent" in await page.inner_text("[data-notice]")
    assert await page.get_attribute(".progress", "data-state") == "cancelled"
    assert await page.locator('[data-action="cancel"]').count() == 0
    delivered = await received(fake, PRESS)
    assert delivered < len(PRESS)
    cancelled = int(await page.inner_text('[data-figure="cancelled"]'))
    assert cancelled == len(PRESS) - delivered

    await page.click('nav.console a[href="#/organiser/broadcast"]')
    await page.wait_for_selector('a[data-broadcast="1"]')
    assert "cancelled" in await page.inner_text('a[data-broadcast="1"]')
    await page.click('a[data-broadcast="1"]')
    await page.wait_for_selector('[data-page="console-progress"] .progress[data-state="cancelled"]')
    await page.context.close()


async def delay_in_console(page: Page, session: int, minutes: int) -> None:
    """The desk → «Live programme» → the session → «⏱ Delay» → preview → «Apply»."""
    await page.click('a[data-console="organiser/programme"]')
    await page.wait_for_selector('[data-page="console-programme"]')
    await page.click(f'a[data-edit="{session}"]')
    await page.wait_for_selector('[data-page="console-programme-session"]')
    await page.fill("#minutes", str(minutes))
    await page.click('button[data-action="preview-delay"]')
    await page.wait_for_selector('[data-page="console-programme-preview"]')
    await page.click('button[data-action="apply"]')
    await page.wait_for_selector('[data-page="console-programme-result"]')


async def test_an_organiser_delays_a_session_in_the_console_and_its_followers_are_told(
    browser: Browser,
    web: tuple[App, str],
    fake: fake_bot_api.FakeBotAPI,
    clock: ManualClock,
) -> None:
    app, base = web
    follower = fake.user(7511, first_name="Maral", language_code="en")
    await follower.send("/start")
    await follower.receive()
    discussion = await session_id(app.store, "d1-discussion")
    await fetch(base, f"/app/session/{discussion}/follow", signed(7511, clock), method="POST")

    page = await open_mini_app(browser, base, ORGANISER.id, clock, route="#/organiser")
    await page.click('a[data-console="organiser/programme"]')
    await page.wait_for_selector('[data-page="console-programme"]')
    listing = await page.inner_text("main")
    assert "Times: Ashgabat time, UTC+5" in listing
    assert "on now" in listing  # the welcome addresses, at 10:40
    await shot(page, "console-programme")
    await page.click(f'a[data-edit="{discussion}"]')
    await page.wait_for_selector('[data-page="console-programme-session"]')
    await page.fill("#minutes", "10")
    await page.click('button[data-action="preview-delay"]')
    await page.wait_for_selector('[data-page="console-programme-preview"]')
    preview = await page.inner_text("main")
    assert "Time: 11:00–13:00 → 11:10–13:10" in preview
    assert "Who will be told: 1 follower; 0 people follow the whole day." in preview
    await page.click('button[data-action="apply"]')
    await page.wait_for_selector('[data-page="console-programme-result"]')
    assert "Changed" in await page.inner_text("h1")
    assert await page.is_visible('button[data-action="undo"]')
    await page.context.close()

    await follower.expect_nothing(0.2)
    await rest(app, clock)  # the quiet period: one coalesced notice
    notice = await follower.receive()
    assert notice["text"].startswith("✏️ Programme change\n\nThematic discussion")
    assert "Time: Fri 11:00–13:00 → 11:10–13:10" in notice["text"]
    await follower.expect_nothing(0.2)


async def test_the_calendar_feeds_change_after_a_delay_in_the_console(
    browser: Browser,
    web: tuple[App, str],
    clock: ManualClock,
) -> None:
    app, base = web
    presentations = await session_id(app.store, "d1-presentations")
    await fetch(base, f"/app/session/{presentations}/follow", signed(7512, clock), method="POST")
    token = await make_link(base, 7512, clock)
    uid = "20250905-d1-presentations@event-desk"
    _, before, personal = await fetch(base, f"/cal/{token}.ics")
    _, whole, public = await fetch(base, "/cal/programme.ics?lang=en")
    assert events(before)[uid]["start"] == local(5, 14, 30)

    page = await open_mini_app(browser, base, ORGANISER.id, clock, route="#/organiser")
    await delay_in_console(page, presentations, 20)
    await page.context.close()

    status, after, _ = await fetch(base, f"/cal/{token}.ics", {"If-None-Match": personal["ETag"]})
    assert status == 200
    assert events(after)[uid]["start"] == local(5, 14, 50)
    assert events(after)[uid]["sequence"] == events(before)[uid]["sequence"] + 1
    assert set(events(after)) == {uid}, "the same entry, moved: not a second one"
    headers = {"If-None-Match": public["ETag"]}
    status, moved, _ = await fetch(base, "/cal/programme.ics?lang=en", headers)
    assert status == 200
    assert events(moved)[uid]["start"] == local(5, 14, 50)
    assert events(whole)[uid]["start"] == local(5, 14, 30)
