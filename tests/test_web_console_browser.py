"""The organisers' console in a real browser (the Chromium and Playwright set-up of
test_web_browser.py, one browser for this module): an organiser approves an application and
the journalist gets chat's notice over the fake Bot API; an organiser delays a session and
its followers are told, and the calendar feeds move with it; a journalist is refused. The
console's screenshots in docs/screenshots/ come from this run."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Page

from bot.app import App
from bot.press.values import AccreditationForm
from bot.users.values import Role, User
from tests import fake_bot_api
from tests.clock import ManualClock
from tests.conftest import local
from tests.programme_kit import rest, session_id
from tests.test_web_auth import fetch, signed
from tests.test_web_browser import browser, fake, open_mini_app, shot, web  # noqa: F401
from tests.test_web_calendar import events, make_link
from tests.test_web_console_press import ask

pytestmark = pytest.mark.asyncio(loop_scope="module")

ORGANISER = User(900001, "Press office", "en", Role.ORGANISER)
FORM = AccreditationForm("Aylar Amanova", "Turkmen Daily", "correspondent", "+993 12 345678")


async def test_an_organiser_approves_an_application_in_the_console(
    browser: Browser,  # noqa: F811
    web: tuple[App, str],  # noqa: F811
    fake: fake_bot_api.FakeBotAPI,  # noqa: F811
    clock: ManualClock,
) -> None:
    app, base = web
    journalist = fake.user(7501, first_name="Aylar", language_code="en")
    await journalist.send("/start")
    await journalist.receive()
    await app.dispatcher["accreditation"].apply(User(7501, "Aylar", "en"), FORM)
    await ask(app, clock, 7502, hours=0.5)

    page = await open_mini_app(browser, base, ORGANISER.id, clock, route="#/organiser/stats")
    await page.wait_for_selector('[data-page="console-stats"] svg[data-chart="followers"]')
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
    browser: Browser,  # noqa: F811
    web: tuple[App, str],  # noqa: F811
    clock: ManualClock,
) -> None:
    app, base = web
    await app.dispatcher["users"].seen(7503, "Jo", None, "en")
    await app.dispatcher["access"].grant(7503, Role.PRESS)
    page = await open_mini_app(browser, base, 7503, clock, route="#/organiser/press")
    await page.wait_for_selector('[data-page="error"][data-status="403"]')
    assert "This page is for organisers only." in await page.inner_text("#view")
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
    browser: Browser,  # noqa: F811
    web: tuple[App, str],  # noqa: F811
    fake: fake_bot_api.FakeBotAPI,  # noqa: F811
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
    assert "Who will be told: 1 followers; 0 follow the whole day." in preview
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
    browser: Browser,  # noqa: F811
    web: tuple[App, str],  # noqa: F811
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
