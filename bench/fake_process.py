"""The fake Bot API and the measured bots, each in a process of its own.

Nothing here runs in the measured process: the fake does not steal the bot's CPU, and the
orchestrator reads each child's CPU time and peak RSS from ``/proc``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
import urllib.request
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class FakeServer:
    url: str
    pid: int


@contextlib.asynccontextmanager
async def fake_server_process(token: str) -> AsyncIterator[FakeServer]:
    """Start ``python -m tests.fake_bot_api`` and yield its URL and pid once it says READY."""
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
        yield FakeServer(line.removeprefix("READY "), process.pid)
    finally:
        process.terminate()
        await process.wait()


@contextlib.asynccontextmanager
async def fake_server(token: str) -> AsyncIterator[str]:
    """``fake_server_process`` for callers that need only the URL."""
    async with fake_server_process(token) as server:
        yield server.url


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


class FakeClient:
    """The same control API without blocking the orchestrator's loop (measured parts)."""

    def __init__(self, url: str, http: aiohttp.ClientSession) -> None:
        self.url = url
        self.http = http

    async def post(self, path: str, payload: Any) -> Any:
        async with self.http.post(f"{self.url}/_fake/{path}", json=payload) as response:
            return await response.json()

    async def get(self, path: str, **query: Any) -> Any:
        async with self.http.get(f"{self.url}/_fake/{path}", params=query) as response:
            return await response.json()

    async def updates(self, updates: list[dict[str, Any]] | dict[str, Any]) -> None:
        await self.post("updates", updates)

    async def reset(self) -> None:
        """Forget recorded calls and stats (chats and their messages stay)."""
        await self.post("reset", {})

    async def count(self, method: str) -> int:
        stats = await self.get("stats")
        return sum(stats["methods"].get(method, {}).values())

    async def calls(self, method: str | None = None, since: int = 0) -> tuple[list[Any], int]:
        """Recorded calls from index ``since`` (of ``method`` only, if given), and the next
        index."""
        query: dict[str, Any] = {"since": since}
        if method is not None:
            query["method"] = method
        answer = await self.get("calls", **query)
        return answer["calls"], answer["next"]

    async def messages(self, chat_id: int) -> list[dict[str, Any]]:
        return (await self.get("messages", chat_id=chat_id))["messages"]  # type: ignore[no-any-return]

    async def wait_for(
        self,
        counts: dict[str, int],
        timeout: float = 120,  # noqa: ASYNC109
        child: asyncio.subprocess.Process | None = None,
    ) -> float:
        """Wait until the fake has seen ``counts`` calls per method; returns the time.

        Gives up at once if ``child`` (the bot expected to make them) has exited."""
        deadline = time.monotonic() + timeout
        stats: dict[str, Any] = {}
        while time.monotonic() < deadline:
            if child is not None and child.returncode is not None:
                raise RuntimeError(f"the bot exited with {child.returncode}")
            stats = (await self.get("stats"))["methods"]
            if all(sum(stats.get(m, {}).values()) >= n for m, n in counts.items()):
                return time.monotonic()
            await asyncio.sleep(0.02)
        raise TimeoutError(f"the bot did not answer everything: wanted {counts}, got {stats}")


# --------------------------------------------------------------------- the children


async def start_child(module: str, *args: str) -> asyncio.subprocess.Process:
    """``python -m <module> <args>`` in the project's folder."""
    return await asyncio.create_subprocess_exec(sys.executable, "-m", module, *args, cwd=ROOT)


async def stop_child(child: asyncio.subprocess.Process) -> None:
    if child.returncode is None:
        child.terminate()
    await child.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far, all threads (Linux /proc)."""
    return _ticks(Path(f"/proc/{pid}/stat"))


def _ticks(stat: Path) -> float:
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main_thread_cpu_seconds(pid: int) -> float:
    """The event loop's thread's share of ``cpu_seconds``; the rest is aiosqlite's
    connection thread and other helpers."""
    return _ticks(Path(f"/proc/{pid}/task/{pid}/stat"))


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size so far (VmHWM), in MiB."""
    return _status_mb(pid, "VmHWM:")


def rss_mb(pid: int) -> float:
    """The process's resident set size now (VmRSS), in MiB."""
    return _status_mb(pid, "VmRSS:")


def _status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return float("nan")
