"""The organisers' console in a real browser (the Chromium and Playwright set-up of
test_web_browser.py, one browser for this module): an organiser approves an application and
the journalist gets chat's notice over the fake Bot API; a journalist is refused. The
console's screenshots in docs/screenshots/ come from this run."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser

from bot.app import App
from bot.press.values import AccreditationForm
from bot.users.values import Role, User
from tests import fake_bot_api
from tests.clock import ManualClock
from tests.test_web_browser import browser, fake, open_mini_app, shot, web  # noqa: F401
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
