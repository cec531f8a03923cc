"""The public web edition on a poor link: bytes transferred and first contentful paint of
every kind of page, in both languages (issue 21: at most 30 KB, FCP at most 1.5 s).

The pages are served by the edition's own routes (``bot.web.public.routes``) on a store
loaded from ``data/``, at a moment of the meeting (day 2, 10:40 Ashgabat time: «On now»
and «Next» both show, day 1's press release and summary are out). Debian's Chromium,
through Playwright, loads each page in a fresh context (nothing cached) with Chromium's
network emulation set over CDP
(``Network.emulateNetworkConditions``: 256 kbit/s each way, 400 ms round trip). Bytes are
everything the page fetched as the network saw it (headers and gzip included); FCP is the
browser's ``first-contentful-paint``; requests beyond the page itself are counted too
(the budget is none: nothing render-blocking, nothing at all).

    python -m bench.public_web [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import shutil
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from playwright.async_api import Browser, async_playwright

from bot.config import Settings
from bot.content.service import ContentService
from bot.i18n.catalogues import build_i18n
from bot.store.holder import Store
from bot.web.public import routes
from bot.web.public.site import PublicSite

ROOT = Path(__file__).resolve().parent.parent
MOMENT = dt.datetime(2025, 9, 6, 10, 40, tzinfo=ZoneInfo("Asia/Ashgabat"))
LINK = {"offline": False, "latency": 400, "downloadThroughput": 32_000, "uploadThroughput": 32_000}
"""256 kbit/s is 32 000 bytes a second; ``latency`` is the added round trip, in ms."""
BYTES_BUDGET = 30 * 1024
FCP_BUDGET = 1500.0


class FixedClock:
    def now(self) -> dt.datetime:
        return MOMENT


@dataclass(frozen=True, slots=True)
class Measure:
    page: str
    language: str
    transferred: int
    fcp: float
    requests: int

    @property
    def ok(self) -> bool:
        return self.transferred <= BYTES_BUDGET and self.fcp <= FCP_BUDGET and self.requests == 1


async def serve(folder: Path) -> tuple[web.AppRunner, str, dict[str, str], Store]:
    """The public edition alone on a free port; its page kinds by name."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_path=folder / "bench.sqlite3",
        data_dir=ROOT / "data",
    )
    store = await Store.open(settings.database_path)
    clock = FixedClock()
    await ContentService(store, clock).load(settings.data_dir)
    site = PublicSite.build(settings, store, clock, build_i18n("ru"))
    app = web.Application()
    routes.add_routes(app, site.edition, site.printer, "ru")
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    session = (await store.programme.sessions())[1]
    delegation = (await store.delegations.all())[0]
    releases = await site.edition.sources.press.releases()
    kinds = {
        "home": "{lang}/",
        "day": "{lang}/day/20250905",
        "session": f"{{lang}}/session/{session.id}",
        "delegations": "{lang}/delegations",
        "delegation": f"{{lang}}/delegation/{delegation.id}",
        "venue": "{lang}/venue",
        "press": "{lang}/press",
        "advisory": "{lang}/advisory",
        "privacy": "{lang}/privacy",
    }
    kinds["release"] = f"{{lang}}/release/{releases[0].id}"
    kinds["summary"] = "{lang}/summary/20250905"
    return runner, f"http://{host}:{port}", kinds, store


async def measure(browser: Browser, url: str) -> tuple[int, float, int]:
    """``(bytes transferred, FCP in ms, requests)`` of one cold load on the slow link."""
    context = await browser.new_context()
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.enable")
    await cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    await cdp.send("Network.emulateNetworkConditions", LINK)
    sizes: dict[str, float] = {}

    def finished(event: dict[str, Any]) -> None:
        sizes[event["requestId"]] = event["encodedDataLength"]

    cdp.on("Network.loadingFinished", finished)
    response = await page.goto(url, wait_until="load")
    if response is None or response.status != 200:
        raise RuntimeError(f"{url} did not load")
    fcp = await page.evaluate(
        "() => new Promise(done => new PerformanceObserver((list, observer) => {"
        " const e = list.getEntriesByName('first-contentful-paint')[0];"
        " if (e) { observer.disconnect(); done(e.startTime); } })"
        ".observe({type: 'paint', buffered: true}))"
    )
    await asyncio.sleep(0.2)  # the last loadingFinished event
    await context.close()
    return int(sum(sizes.values())), float(fcp), len(sizes)


async def run(runs: int) -> list[Measure]:
    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("Debian's chromium is needed: apt-get install chromium")
    with tempfile.TemporaryDirectory() as folder:
        runner, base, kinds, store = await serve(Path(folder))
        results = []
        try:
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path=executable)
                for kind, pattern in kinds.items():
                    for language in ("ru", "en"):
                        url = f"{base}/{pattern.format(lang=language)}"
                        samples = [await measure(browser, url) for _ in range(runs)]
                        transferred = max(s[0] for s in samples)
                        fcp = statistics.median(s[1] for s in samples)
                        requests = max(s[2] for s in samples)
                        results.append(Measure(kind, language, transferred, fcp, requests))
                await browser.close()
        finally:
            await runner.cleanup()
            await store.close()
    return results


def report(results: list[Measure], runs: int) -> str:
    lines = [
        f"public web edition, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC,"
        f" {platform.machine()} {os.cpu_count()} cores, {platform.python_implementation()}"
        f" {platform.python_version()}; Chromium emulating 256 kbit/s, 400 ms RTT;"
        f" median FCP of {runs} cold loads",
        f"{'page':12} {'lang':4} {'bytes':>7} {'FCP ms':>7} {'requests':>8}  within budget",
    ]
    for m in results:
        mark = "yes" if m.ok else "NO"
        lines.append(
            f"{m.page:12} {m.language:4} {m.transferred:7d} {m.fcp:7.0f} {m.requests:8d}  {mark}"
        )
    worst = max(results, key=lambda m: m.fcp)
    largest = max(results, key=lambda m: m.transferred)
    lines.append(
        f"largest {largest.transferred} B ({largest.page}/{largest.language}),"
        f" slowest FCP {worst.fcp:.0f} ms ({worst.page}/{worst.language});"
        f" budgets {BYTES_BUDGET} B, {FCP_BUDGET:.0f} ms"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.public_web", description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="cold loads per page (median FCP)")
    args = parser.parse_args()
    results = asyncio.run(run(args.runs))
    print(report(results, args.runs))
    raise SystemExit(0 if all(m.ok for m in results) else 1)


if __name__ == "__main__":
    main()
