"""The browser tests' shared fixtures: Debian's Chromium through Playwright, and the fake
Bot API again on the module's event loop, where the browser lives.

A browser test module imports them by name (``from tests.browser_kit import browser, fake``)
and marks itself ``pytest.mark.asyncio(loop_scope="module")``. Playwright's own browser
download cannot work here and is never run: ``.ci/run`` installs Debian's ``chromium``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from playwright.async_api import Browser, async_playwright

from tests import fake_bot_api
from tests.conftest import TOKEN


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def browser() -> AsyncIterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing: .ci/run installs it")
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=executable)
        yield launched
        await launched.close()


@pytest_asyncio.fixture(loop_scope="module")
async def fake() -> AsyncIterator[fake_bot_api.FakeBotAPI]:
    """conftest.py's fake Bot API, on the module's loop."""
    api = fake_bot_api.FakeBotAPI(token=TOKEN)
    await api.start()
    try:
        yield api
    finally:
        await api.close()
    assert not api.unexpected, api.unexpected
