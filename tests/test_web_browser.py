"""The Mini App in a real browser: Debian's Chromium driven by Playwright.

``telegram-web-app.js`` is stubbed at its telegram.org address with a ``Telegram.WebApp``
whose initData is signed by the test token, the way Telegram opens the page. One browser
serves the whole module (its fixtures share the module's event loop). The screenshots
under docs/screenshots/ come from these runs (written only when they change).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page

from bot.app import App
from bot.config import Settings
from bot.users.values import Role
from tests import fake_bot_api
from tests.browser_kit import browser, fake  # noqa: F401  (fixtures)
from tests.clock import ManualClock
from tests.conftest import ROOT, local
from tests.scheduler import ClockScheduler
from tests.test_web_auth import init_data, web_app

pytestmark = pytest.mark.asyncio(loop_scope="module")

SCREENSHOTS = ROOT / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 760}
LIGHT = {
    "bg_color": "#ffffff",
    "text_color": "#000000",
    "hint_color": "#707579",
    "link_color": "#3390ec",
    "button_color": "#3390ec",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#f4f4f5",
}
DARK = {
    "bg_color": "#212121",
    "text_color": "#ffffff",
    "hint_color": "#aaaaaa",
    "link_color": "#8774e1",
    "button_color": "#8774e1",
    "button_text_color": "#ffffff",
    "secondary_bg_color": "#181818",
}
STUB = """
window.Telegram = {WebApp: {
  initData: %(init_data)s, colorScheme: %(scheme)s, themeParams: %(theme)s,
  ready: function () {}, expand: function () {}, onEvent: function () {},
  BackButton: {shown: false, show: function () { this.shown = true; },
               hide: function () { this.shown = false; }, onClick: function () {}},
  HapticFeedback: {impactOccurred: function () {}}
}};
"""


@pytest_asyncio.fixture(loop_scope="module")
async def web(
    settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[tuple[App, str]]:
    clock.set(local(5, 10, 40))  # the meeting is on: «On now» and «Next» both show
    async with web_app(settings, clock, scheduler) as running:
        yield running


async def open_mini_app(
    browser: Browser,
    base: str,
    user_id: int,
    clock: ManualClock,
    *,
    language: str = "en",
    dark: bool = False,
    viewport: dict[str, int] = PHONE,
    route: str = "",
) -> Page:
    """The Mini App as Telegram opens it: the shell, then telegram-web-app.js (stubbed)."""
    context = await browser.new_context(viewport=viewport, device_scale_factor=2)
    page = await context.new_page()
    page.set_default_timeout(10_000)
    stub = STUB % {
        "init_data": json.dumps(init_data(user_id, clock.now(), language=language)),
        "scheme": json.dumps("dark" if dark else "light"),
        "theme": json.dumps(DARK if dark else LIGHT),
    }

    async def telegram(route: Any) -> None:
        await route.fulfill(body=stub, content_type="text/javascript")

    async def elsewhere(route: Any) -> None:
        await route.abort()  # the page never reaches beyond the bot and telegram.org

    await page.route("https://telegram.org/js/telegram-web-app.js", telegram)
    await page.route(lambda url: not url.startswith((base, "https://telegram.org/")), elsewhere)
    await page.goto(f"{base}/app/{route}")
    return page


async def shot(page: Page, name: str, **options: Any) -> None:
    """Keep a screenshot for docs/screenshots, rewriting the file only when it changed."""
    picture = await page.screenshot(**options)
    target = SCREENSHOTS / f"{name}.png"
    if not target.exists() or target.read_bytes() != picture:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target.write_bytes(picture)


async def test_a_delegate_follows_a_session_and_finds_it_in_my_agenda_and_in_chat(
    browser: Browser,
    web: tuple[App, str],
    fake: fake_bot_api.FakeBotAPI,
    clock: ManualClock,
) -> None:
    app, base = web
    user = fake.user(7001, first_name="Aina", language_code="en")
    await user.send("/start")
    await user.receive()
    delegation = (await app.dispatcher["delegations"].participants()).national_societies[0]
    await app.dispatcher["access"].grant(7001, Role.DELEGATE, delegation.id)

    page = await open_mini_app(browser, base, 7001, clock)
    await page.wait_for_selector('[data-page="programme"]')
    assert "Welcome addresses" in await page.inner_text(".card")  # on now
    assert not await page.evaluate("Telegram.WebApp.BackButton.shown")
    await shot(page, "programme")

    await page.click('a[data-day="20250906"]')
    await page.wait_for_selector('[data-page="day"]')
    await shot(page, "day")
    await page.click('a.row:has-text("Developing income-generating activities")')
    await page.wait_for_selector('[data-page="session"]')
    assert await page.evaluate("Telegram.WebApp.BackButton.shown")
    await page.click('button:has-text("Remind me")')
    await page.wait_for_selector('button[data-following="yes"]')
    assert "Done: the session is in My agenda" in await page.inner_text(".note")
    await shot(page, "session")

    await page.click('nav.tabs a[href="#/agenda"]')
    await page.wait_for_selector('[data-page="agenda"]')
    assert "Developing income-generating activities" in await page.inner_text("main")
    await shot(page, "my-agenda")

    await user.send("/reminders")
    listing = await user.receive()
    assert "Developing income-generating activities" in listing["text"]

    await page.click('a[href="#/calendar"]')
    await page.click('button:has-text("Make my calendar link")')
    await page.wait_for_selector('[data-feed="new"]')
    link = await page.input_value("input.copy")
    assert link.startswith("https://bot.example.org/cal/")
    # The token is random: the picture shows a fixed stand-in, so it changes only with the page.
    await page.eval_on_selector(
        "input.copy", "input => { input.value = 'https://bot.example.org/cal/…your-secret….ics'; }"
    )
    await shot(page, "calendar")
    await page.context.close()


async def test_a_journalist_is_refused_the_organisers_desk(
    browser: Browser, web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    await app.dispatcher["users"].seen(7002, "Jo", None, "en")
    await app.dispatcher["access"].grant(7002, Role.PRESS)
    page = await open_mini_app(browser, base, 7002, clock)
    await page.wait_for_selector('[data-page="programme"]')
    async with page.expect_response(lambda response: "/app/organiser" in response.url) as info:
        await page.evaluate("window.location.hash = '#/organiser'")
    assert (await info.value).status == 403
    await page.wait_for_selector('[data-page="error"][data-status="403"]')
    assert "This page is for organisers only." in await page.inner_text("#view")
    await page.context.close()

    organiser = await open_mini_app(browser, base, 900001, clock, route="#/organiser")
    await organiser.wait_for_selector('[data-page="organiser"]')
    await organiser.context.close()


async def test_dark_theme_in_russian_and_a_desktop_width(
    browser: Browser, web: tuple[App, str], clock: ManualClock
) -> None:
    _, base = web
    page = await open_mini_app(browser, base, 7003, clock, language="ru", dark=True)
    await page.wait_for_selector('[data-page="programme"]')
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(33, 33, 33)", "Telegram's bg_color"
    assert "Сейчас идёт" in (await page.text_content("main") or "")
    await shot(page, "programme-dark-ru")
    await page.context.close()

    wide = await open_mini_app(browser, base, 7003, clock, viewport=DESKTOP, route="#/delegations")
    await wide.wait_for_selector('[data-page="delegations"]')
    width = await wide.evaluate("document.getElementById('view').getBoundingClientRect().width")
    assert width <= 720, "a readable column on a wide window"
    await shot(wide, "delegations-desktop")
    await wide.context.close()
