"""Issue 20, item 5: a request the web application cannot parse (an over-long header, an
over-long request line, a malformed one) is answered 400 and logged as one WARNING line with
the client's address and the error's kind: no ERROR, no traceback, none of what was sent
(a header may be a user's initData)."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

import pytest

from bot.app import App

# What a Mini App sends: initData with the user's id and first name.
INIT_DATA = "query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=%7B%22id%22%3A4101%2C%22first_name%22%3A%22Aina"
PADDING = "x" * 12 * 1024
REQUESTS = {
    "over-long header": (
        f"GET /app/api/programme HTTP/1.1\r\nHost: desk\r\n"
        f"X-Telegram-Init-Data: {INIT_DATA}{PADDING}\r\n\r\n"
    ),
    "over-long request line": f"GET /app/?{INIT_DATA}{PADDING} HTTP/1.1\r\nHost: desk\r\n\r\n",
    "malformed request": f"GET /healthz HTTP/1.1\r\nHost: desk\r\n{INIT_DATA} no colon\r\n\r\n",
}


async def exchange(base: str, raw: bytes) -> bytes:
    """Send ``raw`` on a fresh connection; what the server answered before closing."""
    address = urlsplit(base)
    assert address.hostname is not None
    assert address.port is not None
    reader, writer = await asyncio.open_connection(address.hostname, address.port)
    try:
        writer.write(raw)
        await writer.drain()
        async with asyncio.timeout(5):
            return await reader.read()
    finally:
        writer.close()


@pytest.mark.parametrize("kind", REQUESTS, ids=str)
async def test_a_bad_request_is_one_warning_without_its_content(
    kind: str, web: tuple[App, str], caplog: pytest.LogCaptureFixture
) -> None:
    _, base = web
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    answer = await exchange(base, REQUESTS[kind].encode())
    assert answer.split(b" ", 2)[1] == b"400", answer[:80]

    records = [r for r in caplog.records if r.name.startswith(("aiohttp", "bot.web"))]
    assert not [r for r in records if r.levelno >= logging.ERROR or r.exc_info], [
        r.getMessage() for r in records
    ]
    logged = "\n".join(caplog.text.splitlines() + [r.getMessage() for r in caplog.records])
    for secret in ("4101", "first_name", "query_id", "xxxxxxxx"):
        assert secret not in logged, f"{secret!r} in the log:\n{logged[:2000]}"
    warnings = [r.getMessage() for r in records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "127.0.0.1" in warnings[0]


async def test_the_server_still_answers_after_bad_requests(web: tuple[App, str]) -> None:
    _, base = web
    for raw in REQUESTS.values():
        await exchange(base, raw.encode())
    healthz = b"GET /healthz HTTP/1.1\r\nHost: desk\r\nConnection: close\r\n\r\n"
    answer = await exchange(base, healthz)
    assert answer.split(b" ", 2)[1] == b"200", answer[:80]


async def test_traffic_that_is_not_http_stays_a_debug_line_without_content(
    web: tuple[App, str], caplog: pytest.LogCaptureFixture
) -> None:
    """TLS sent to the plain port (a scanner, a wrong URL): aiohttp logs this at DEBUG to
    spare the log; so does the bot, in the same one line."""
    _, base = web
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    hello = b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"Aina4101" + b"\r\n\r\n"
    answer = await exchange(base, hello)
    assert answer.split(b" ", 2)[1] == b"400", answer[:80]
    records = [r for r in caplog.records if r.name.startswith(("aiohttp", "bot.web"))]
    assert [(r.levelno, r.getMessage()) for r in records] == [
        (logging.DEBUG, "bad request from 127.0.0.1: BadHttpMethod (400)")
    ]
    assert "Aina" not in caplog.text
