"""One-click unsubscribe in a real browser (Debian's Chromium driven by Playwright): the
link from a received message opens a page without Telegram, one button unsubscribes, the
page confirms, and the same link later says so again."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from playwright.async_api import Browser

from bot.app import App
from bot.config import Settings
from bot.email.values import ContactForm
from bot.users.values import Role, User
from tests.browser_kit import browser, fake  # noqa: F401  (fixtures)
from tests.clock import ManualClock
from tests.conftest import running_app
from tests.email_kit import SmtpServer, bodies, email_settings, free_port, smtp_server
from tests.press_kit import ORGANISER
from tests.scheduler import ClockScheduler

pytestmark = pytest.mark.asyncio(loop_scope="module")

OFFICE = User(ORGANISER, "Press office", "ru", Role.ORGANISER)


@pytest_asyncio.fixture(loop_scope="module")
async def smtp() -> AsyncIterator[SmtpServer]:
    async with smtp_server() as server:
        yield server


@pytest_asyncio.fixture(loop_scope="module")
async def mailing(
    settings: Settings, smtp: SmtpServer, clock: ManualClock, scheduler: ClockScheduler
) -> AsyncIterator[App]:
    port = free_port()
    changed = email_settings(
        settings, smtp, f"http://127.0.0.1:{port}", web_port=port, web_host="127.0.0.1"
    )
    async with running_app(changed, clock, scheduler) as app:
        yield app


async def test_the_link_in_a_message_unsubscribes_in_one_click_and_twice_is_fine(
    browser: Browser, mailing: App, smtp: SmtpServer
) -> None:
    desk = mailing.dispatcher["email_desk"]
    form = ContactForm("Мерет Атаев", "Нейтральный Туркменистан", "meret@example.org", "ru")
    contact = await desk.accredit(OFFICE, form)
    (advisory,) = await smtp.inbox.wait_for(1)
    link = re.search(r"https?://\S+/email/unsubscribe\?\S+", bodies(advisory)[0])
    assert link is not None
    page = await (await browser.new_context()).new_page()
    page.set_default_timeout(10_000)
    await page.goto(link.group(0))
    assert await page.title() == "Отписаться"
    assert "Больше не присылать письма пресс-службы на meret@example.org?" in (
        await page.inner_text("body")
    )
    await page.get_by_role("button", name="Отписаться").click()
    await page.wait_for_selector("text=больше не получает писем")
    assert await page.title() == "Вы отписаны"
    assert (await desk.contacts(OFFICE))[0].unsubscribed
    await page.goto(link.group(0))  # the same link again: no error, the same answer
    assert "meret@example.org больше не получает писем" in await page.inner_text("body")
    await page.goto(link.group(0).replace(f"c={contact.id}", f"c={contact.id + 1}"))
    assert "ссылка для отписки недействительна" in await page.inner_text("body")
