"""The public web edition over HTTP: every page in both languages, no login, light and
self-contained; what it refuses (forged paths), what it never shows (an embargoed
release, anyone's Telegram id), 304s, and PUBLIC_SITE=off."""

from __future__ import annotations

import gzip
import re

import pytest

from bot.app import App
from bot.config import Settings
from bot.content.models import Text
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.public_kit import LANGUAGES, cancel, delay, get, move, page_kinds, publish_embargoed
from tests.scheduler import ClockScheduler
from tests.test_web_auth import web_app

BUDGET = 30 * 1024
"""Bytes one page may take on the wire, CSS included (issue 21)."""
OUTSIDE = re.compile(r"""(?:src|href|action)=["'](?!data:,["'])(?:[a-z]+:|//)""", re.IGNORECASE)
"""A link or source on another host (or scheme); the empty ``data:,`` icon asks for nothing
(it spares the browser a request for /favicon.ico)."""


def text_of(body: bytes) -> str:
    return gzip.decompress(body).decode("utf-8")


async def test_every_kind_of_page_in_both_languages_is_public_light_and_self_contained(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    clock.set(local(6, 12))  # day 1's summary and the release are out
    for kind, pattern in (await page_kinds(app)).items():
        for language in LANGUAGES:
            status, body, headers = await get(base, pattern.format(lang=language))
            assert status == 200, (kind, language)
            assert headers["Content-Encoding"] == "gzip"
            assert len(body) <= BUDGET, (kind, language, len(body))
            html = text_of(body)
            assert f'<html lang="{language}">' in html
            assert html.count("<h1") == 1, (kind, language)
            other = "en" if language == "ru" else "ru"
            assert f'hreflang="{other}"' in html
            assert '<main id="main">' in html
            assert "<nav" in html
            assert "<footer>" in html
            assert not OUTSIDE.search(html), (kind, language, OUTSIDE.search(html))
            assert "<script" not in html
            assert "telegram.org" not in html
            assert "default-src 'none'" in headers["Content-Security-Policy"]


async def test_an_unchanged_page_is_a_304_and_a_live_change_a_new_page(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    clock.set(local(5, 9))
    status, _body, headers = await get(base, "en/day/20250905")
    etag = headers["ETag"]
    assert (await get(base, "en/day/20250905", **{"If-None-Match": etag}))[0] == 304
    session_id = await delay(app, "d1-opening", 15)
    status, body, headers = await get(base, "en/day/20250905", **{"If-None-Match": etag})
    assert status == 200
    assert headers["ETag"] != etag
    assert "10:15–10:45" in text_of(body)
    assert "Delayed: planned for 10:00" in text_of(body)
    page = text_of((await get(base, f"ru/session/{session_id}"))[1])
    assert "Задерживается: по плану в 10:00" in page
    assert "10:15–10:45" in page
    assert "ашхабадское время" in page


async def test_a_moved_and_a_cancelled_session_say_so(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    clock.set(local(5, 9))
    await move(app, "d2-income", Text(ru="Зал Б", en="Hall B"))
    cancelled = await cancel(app, "d2-volunteers")
    day = text_of((await get(base, "en/day/20250906"))[1])
    assert "Hall B" in day
    assert "Moved: planned in conference hall, Archabil Hotel" in day
    assert f'data-session="{cancelled}" data-cancelled' in day
    assert "Cancelled" in day
    status, body, _ = await get(base, f"ru/session/{cancelled}")
    assert status == 200
    assert "Отменено" in text_of(body)


async def test_an_embargoed_release_is_absent_until_it_lifts(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    clock.set(local(5, 11))
    release = await publish_embargoed(app, local(5, 12))
    assert (await get(base, f"en/release/{release}"))[0] == 404
    assert "Joint volunteering plan" not in text_of((await get(base, "en/press"))[1])
    assert "Joint volunteering plan" not in text_of((await get(base, "en/"))[1])
    clock.set(local(5, 12))
    status, body, _ = await get(base, f"en/release/{release}")
    assert status == 200
    assert "The heads agreed." in text_of(body)
    assert "Joint volunteering plan" in text_of((await get(base, "en/press"))[1])


@pytest.mark.parametrize(
    "path",
    [
        "ru/session/99999999999999999999",
        "ru/session/424242",
        "ru/delegation/0",
        "ru/day/20251399",
        "ru/summary/20250906",
        "ru/release/1x",
        "ru/../../etc/passwd",
        "ru/%2e%2e/%2e%2e/etc/passwd",
        "ru/..%2f..%2fetc%2fpasswd",
        "de/",
        "ru/static/../../bot.sqlite3",
    ],
)
async def test_forged_paths_are_not_found(web: tuple[App, str], path: str) -> None:
    _app, base = web
    status, body, _ = await get(base, path, raw=True)
    assert status == 404, path
    assert b"root:" not in body
    assert b"SQLite" not in body


async def test_the_site_root_leads_to_the_default_language(web: tuple[App, str]) -> None:
    _app, base = web
    status, _body, headers = await get(base, "")
    assert status == 302
    assert headers["Location"] == "/ru/"
    assert (await get(base, "en"))[2]["Location"] == "/en/"


async def test_no_one_who_uses_the_bot_is_named_on_the_public_pages(
    web: tuple[App, str], fake: FakeBotAPI, clock: ManualClock
) -> None:
    app, base = web
    user = fake.user(7001, first_name="Aina", username="aina_reporter", language_code="en")
    await user.send("/start")
    await user.receive()
    for pattern in (await page_kinds(app)).values():
        html = text_of((await get(base, pattern.format(lang="en")))[1])
        assert "7001" not in html
        assert "Aina" not in html
        assert "aina_reporter" not in html


async def test_public_site_off_serves_no_public_page(
    settings: Settings, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    async with web_app(settings, clock, scheduler, public_site=False) as (_app, base):
        assert (await get(base, "ru/"))[0] == 404
        assert (await get(base, "cal/programme.ics"))[0] == 200  # the Mini App's feed stays


def test_public_site_is_on_unless_turned_off() -> None:
    assert Settings(_env_file=None).public_site is True  # type: ignore[call-arg]
    off = Settings(_env_file=None, public_site="off")  # type: ignore[call-arg]
    assert off.public_site is False
    blank = Settings(_env_file=None, site_export_dir="")  # type: ignore[call-arg]
    assert blank.site_export_dir is None


async def test_the_privacy_notice_is_public_and_linked_from_every_page(
    web: tuple[App, str], clock: ManualClock, settings: Settings
) -> None:
    """Those without Telegram read the notice too (issue 23): the data file's sections in
    the page's language, the bot's own retention period, a link in every page's footer."""
    _app, base = web
    clock.set(local(5, 9))
    for language, title, controller in (
        ("ru", "Как бот обращается с вашими данными", "Кто отвечает за данные"),
        ("en", "How the bot handles your data", "Who controls the data"),
    ):
        status, body, _ = await get(base, f"{language}/privacy")
        assert status == 200
        page = text_of(body)
        assert f"<h1>{title}</h1>" in page
        assert f"<h2>{controller}</h2>" in page
        assert f"{settings.retention_days}" in page
        home = text_of((await get(base, f"{language}/"))[1])
        assert 'href="privacy"' in home  # relative, as every link of the edition
