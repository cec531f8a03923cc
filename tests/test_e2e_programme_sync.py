"""SCHEDULE_URL (issue 11): the programme follows a pretalx/frab export served over HTTP.
Changed, unchanged, broken and unreachable exports; the last good programme is kept and
organisers are told once per failing spell."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bot.app import App
from bot.config import Settings
from bot.content.importers import import_schedule
from bot.programme.values import Action, Source
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, local
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import ORGANISER, rest, session_id
from tests.test_reminders import subscribe, tick


def talk(ident: int, start: str, duration: str, title: str) -> dict[str, Any]:
    return {
        "id": ident,
        "start": start,
        "duration": duration,
        "room": "Hall A",
        "title": title,
        "persons": [],
    }


EXPORT: dict[str, Any] = {
    "schedule": {
        "version": "1.0",
        "conference": {
            "acronym": "cis",
            "title": "CIS meeting",
            "start": "2025-09-05",
            "end": "2025-09-06",
            "time_zone_name": "Asia/Ashgabat",
            "days": [
                {
                    "index": 1,
                    "date": "2025-09-05",
                    "rooms": {
                        "Hall A": [
                            talk(1, "10:00", "01:00", "Opening"),
                            talk(2, "11:30", "01:00", "Panel"),
                        ]
                    },
                },
                {
                    "index": 2,
                    "date": "2025-09-06",
                    "rooms": {"Hall A": [talk(3, "10:00", "00:30", "Closing")]},
                },
            ],
        },
    }
}


def moved(start: str) -> bytes:
    export = copy.deepcopy(EXPORT)
    export["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]["start"] = start
    return json.dumps(export).encode()


@dataclass
class ScheduleServer:
    """The schedule system's export over HTTP; a test changes it, breaks it, stops it."""

    body: bytes
    status: int = 200
    port: int = 0
    runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/schedule.json"

    async def start(self) -> None:
        async def schedule(_request: web.Request) -> web.Response:
            return web.Response(body=self.body, status=self.status)

        app = web.Application()
        app.router.add_get("/schedule.json", schedule)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()
        self.port = self.runner.addresses[0][1]

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None


@pytest.fixture
async def server() -> AsyncIterator[ScheduleServer]:
    served = ScheduleServer(json.dumps(EXPORT).encode())
    await served.start()
    try:
        yield served
    finally:
        await served.stop()


@pytest.fixture
def settings(settings: Settings, server: ScheduleServer, tmp_path: Path) -> Settings:
    """A data folder whose programme was imported from the export the server serves."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    export = tmp_path / "schedule.json"
    export.write_bytes(server.body)
    import_schedule(export, data)
    return settings.model_copy(update={"data_dir": data, "schedule_url": server.url})


async def test_the_programme_follows_the_export_and_keeps_the_last_good_one(
    fake: FakeBotAPI, app: App, clock: ManualClock, server: ScheduleServer
) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    await organiser.send("/start")  # known to the bot, with a language
    await organiser.receive()
    follower = fake.user(5501, language_code="en")
    await subscribe(follower, "Fri", "10:00", "🔔 Remind me")
    opening = await session_id(app.store, "s-1")

    await tick(app)  # unchanged: nothing written, nobody told
    assert await app.store.programme_audit.count() == 0
    server.body = moved("10:15")
    await rest(app, clock)  # changed: applied, then told after the quiet period
    notice = await follower.receive()
    assert notice["text"].startswith("✏️ Programme change\n\nOpening")
    assert "Time: Fri 10:00–11:00 → 10:15–11:15" in notice["text"]
    (entry,) = await app.store.programme_audit.page(0, 5)
    assert (entry.source, entry.action) == (Source.SYNC, Action.UPDATED)

    server.body = b'{"schedule": {"conference": '  # broken
    await tick(app)
    told = await organiser.receive()
    assert told["text"].startswith("⚠️ The schedule sync failed.")
    assert "not valid JSON" in told["text"]
    server.status = 503  # then an error, then nobody there: the same spell, not told again
    await tick(app)
    await server.stop()
    await tick(app)
    await organiser.expect_nothing(0.3)
    session = await app.store.programme.session(opening)
    assert session is not None
    assert session.starts_at == local(5, 10, 15)  # the last good programme

    server.status, server.body = 200, moved("10:30")
    await server.start()
    await tick(app)
    assert (await organiser.receive())["text"].startswith("✅ The schedule sync works again")
    session = await app.store.programme.session(opening)
    assert session is not None
    assert session.starts_at == local(5, 10, 30)
    await tick(app)
    await organiser.expect_nothing(0.2)
    await follower.expect_nothing(0.1)
