"""The fake Bot API in a process of its own, so it does not steal the measured bot's CPU."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@contextlib.asynccontextmanager
async def fake_server(token: str) -> AsyncIterator[str]:
    """Start ``python -m tests.fake_bot_api`` and yield its URL once it says READY."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fake_bot_api",
        "--port",
        "0",
        "--token",
        token,
        stdout=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), timeout=30)).decode().strip()
    if not line.startswith("READY "):
        process.kill()
        raise RuntimeError(f"fake Bot API did not start: {line!r}")
    try:
        yield line.removeprefix("READY ")
    finally:
        process.terminate()
        await process.wait()


def control(url: str, path: str, payload: Any | None = None, *, post: bool = False) -> Any:
    """The fake's JSON control API (blocking is fine: only outside the measured part)."""
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(
        f"{url}/_fake/{path}",
        data=data,
        headers={"Content-Type": "application/json"},
        method="POST" if post or data is not None else "GET",
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())
