"""The public edition in a real browser with JavaScript off: Debian's Chromium through
Playwright. Every kind of page in both languages renders, and not one request leaves the
server's origin (anything else would be aborted and recorded). The screenshots in
docs/screenshots/public-*.png come from these runs (written only when they change)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from playwright.async_api import Browser, BrowserContext, Page, Request, Route

from bot.app import App
from bot.config import Settings
from bot.web.public.commands import export_site
from tests.browser_kit import browser, fake  # noqa: F401  (fixtures)
from tests.clock import ManualClock
from tests.conftest import ROOT, local
from tests.public_kit import LANGUAGES, delay, page_kinds, publish_embargoed
from tests.scheduler import ClockScheduler
from tests.test_web_auth import web_app

pytestmark = pytest.mark.asyncio(loop_scope="module")

SCREENSHOTS = ROOT / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}
SHOWN = {("ru", "home"), ("ru", "day"), ("ru", "session"), ("ru", "delegation"), ("en", "release")}
"""The pages whose pictures docs/public-web.md shows."""


@pytest_asyncio.fixture(loop_scope="module")
async def web(
    settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[tuple[App, str]]:
    clock.set(local(6, 12, 15))  # day 2 is on; day 1's summary and the release are out
    async with web_app(settings, clock, scheduler) as running:
        yield running


class Reader:
    """A browser with JavaScript off that lets through only requests to the server."""

    def __init__(self, context: BrowserContext, base: str) -> None:
        self.context = context
        self.base = base
        self.outside: list[str] = []

    @classmethod
    async def open(cls, browser: Browser, base: str) -> Reader:
        context = await browser.new_context(
            java_script_enabled=False, viewport=PHONE, device_scale_factor=1
        )
        reader = cls(context, base)
        await context.route("**/*", reader._guard)
        return reader

    async def _guard(self, route: Route, request: Request) -> None:
        if request.url.startswith(self.base + "/"):
            await route.continue_()
        else:
            self.outside.append(request.url)
            await route.abort()

    async def page(self, address: str) -> tuple[Page, int]:
        page = await self.context.new_page()
        page.set_default_timeout(10_000)
        response = await page.goto(f"{self.base}/{address}")
        assert response is not None
        return page, response.status


async def shot(page: Page, name: str) -> None:
    """Keep a screenshot for the docs, rewriting the file only when it changed."""
    picture = await page.screenshot(full_page=True)
    target = SCREENSHOTS / f"public-{name}.png"
    if not target.exists() or target.read_bytes() != picture:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target.write_bytes(picture)


async def test_every_kind_of_page_reads_with_javascript_off_and_nothing_leaves_the_origin(
    browser: Browser, web: tuple[App, str]
) -> None:
    app, base = web
    await delay(app, "d2-income", 10)  # a live change, seen as the reader sees it
    reader = await Reader.open(browser, base)
    for kind, pattern in (await page_kinds(app)).items():
        for language in LANGUAGES:
            page, status = await reader.page(pattern.format(lang=language))
            assert status == 200, (kind, language)
            assert await page.evaluate("document.documentElement.lang") == language
            assert await page.locator("h1").count() == 1
            assert await page.locator("h1").is_visible()
            assert await page.locator("main").count() == 1
            unlabelled = await page.locator("a:not([href])").count()
            assert unlabelled == 0
            if (language, kind) in SHOWN:
                await shot(page, f"{kind}-{language}")
            await page.close()
    page, _status = await reader.page("ru/day/20250906")
    assert "Задерживается: по плану в 10:00" in await page.inner_text("main")
    assert reader.outside == []
    await reader.context.close()


async def test_an_embargoed_release_appears_in_the_browser_only_once_it_lifts(
    browser: Browser, web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    release = await publish_embargoed(app, local(6, 13))
    reader = await Reader.open(browser, base)
    page, status = await reader.page(f"en/release/{release}")
    assert status == 404
    assert await page.inner_text("h1") == "Page not found"
    page, _status = await reader.page("en/press")
    assert "Joint volunteering plan" not in await page.inner_text("main")
    clock.set(local(6, 13))
    await page.reload()
    await page.click("text=Joint volunteering plan")
    assert await page.inner_text("h1") == "Joint volunteering plan"
    assert "The heads agreed." in await page.inner_text("main")
    assert reader.outside == []
    await reader.context.close()


async def test_the_mirror_reads_from_file_urls_with_a_live_delay_in_it(
    browser: Browser, web: tuple[App, str], tmp_path: Path
) -> None:
    app, _base = web
    await delay(app, "d2-income", 10)
    site = tmp_path / "mirror"
    assert await export_site(app.settings, site) == 0
    context = await browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = await context.new_page()
    page.set_default_timeout(10_000)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    await page.goto(site.joinpath("index.html").as_uri())
    await page.wait_for_url("**/ru/index.html")  # the root sends on to the default language
    await page.click('a[data-day="20250906"]')
    main = await page.inner_text("main")
    assert "Задерживается: по плану в 10:00" in main
    await page.click("text=Развитие доходоприносящей деятельности")
    assert await page.locator("h1").count() == 1
    assert "10:10–12:40" in await page.inner_text("main")
    await page.click('a[hreflang="en"]')
    assert await page.evaluate("document.documentElement.lang") == "en"
    assert requested
    assert all(url.startswith(site.as_uri() + "/") for url in requested), requested
    await context.close()
