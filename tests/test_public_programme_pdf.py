"""The printable programme: one A4 PDF per language, from the live programme, with its
text checked by pypdf and its first page rendered to PNG by poppler's pdftoppm."""

from __future__ import annotations

import asyncio
import io
import os
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.app import App
from handlers.programme.callbacks import PrintCb
from tests.clock import ManualClock
from tests.conftest import ROOT, local
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import ORGANISER, alert_of, press, send
from tests.public_kit import cancel, delay, get
from tests.test_web_auth import fetch, signed

A4 = (595.28, 841.89)
"""Points: 210 × 297 mm."""


def pdf_text(document: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(document))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


async def test_the_programme_prints_on_a4_in_both_languages_as_it_is_now(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    clock.set(local(5, 9))
    await delay(app, "d2-income", 15)
    await cancel(app, "d2-volunteers")
    status, english, headers = await get(base, "en/programme.pdf")
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    reader, text = pdf_text(english)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))
    for expected in (
        "Programme",
        "Friday, 5 September",
        "Saturday, 6 September",
        "Times: Ashgabat time, UTC+5",
        "10:00–10:30",
        "Opening of the meeting",
        "conference hall, Archabil Hotel",
        "Maral Achilova",
        "photo op",
        "closed",
        "10:15–12:45",
        "Delayed: planned for 10:00",
        "Cancelled",
    ):
        assert expected in text, expected
    fonts = {str(font) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts  # the font is embedded, not a base-14 font without Cyrillic
    _reader, russian = pdf_text((await get(base, "ru/programme.pdf"))[1])
    for expected in ("Программа", "Пятница, 5 сентября", "ашхабадское время", "Открытие встречи"):
        assert expected in russian, expected


async def test_the_first_page_renders_to_png(
    web: tuple[App, str], clock: ManualClock, tmp_path: Path
) -> None:
    _app, base = web
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("poppler-utils is missing: .ci/run installs it")
        pytest.skip("pdftoppm (poppler-utils) is not installed (.ci/run installs it)")
    document = tmp_path / "programme.pdf"
    document.write_bytes((await get(base, "ru/programme.pdf"))[1])
    render = await asyncio.create_subprocess_exec(
        *("pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile"),
        str(document),
        str(tmp_path / "first"),
    )
    assert await asyncio.wait_for(render.wait(), timeout=60) == 0
    picture = (tmp_path / "first.png").read_bytes()
    assert picture.startswith(b"\x89PNG")
    assert len(picture) > 5_000  # a page with text on it, not a blank one
    shown = ROOT / "docs" / "screenshots" / "public-programme-pdf.png"  # in docs/public-web.md
    if not shown.exists() or shown.read_bytes() != picture:
        shown.write_bytes(picture)


async def test_an_organiser_gets_the_printout_from_the_changes_log_and_others_cannot(
    app: App, fake: FakeBotAPI
) -> None:
    organiser = fake.user(ORGANISER, first_name="Maral", language_code="ru")
    log = await send(organiser, "/changes")
    message = await press(organiser, log, "🖨 Программа для печати (PDF)")
    assert message["document"]["file_name"] == "programme-ru.pdf"
    _reader, text = pdf_text(fake.files[message["document"]["file_id"]])
    assert "Пятница, 5 сентября" in text
    delegate = fake.user(7002, first_name="Aina", language_code="en")
    await delegate.send("/start")
    await delegate.receive()
    refusal = await alert_of(delegate, log, data=PrintCb().pack())
    assert refusal == "Only the organisers can change the programme. Nothing was changed."


async def test_the_console_links_the_printout_and_the_link_serves_it(
    web: tuple[App, str], clock: ManualClock
) -> None:
    _app, base = web
    status, body, _ = await fetch(base, "/app/organiser/programme", signed(ORGANISER, clock))
    assert status == 200
    link = re.search(r'href="(/en/programme\.pdf)"[^>]*data-printable', body)
    assert link is not None
    assert (await get(base, link[1][1:]))[1].startswith(b"%PDF")
