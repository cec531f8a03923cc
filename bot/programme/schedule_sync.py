"""``SCHEDULE_URL``: the programme follows the schedule system's export (pretalx, frab).

Every ``SCHEDULE_SYNC_MINUTES`` the export is fetched; when its bytes differ from the
last applied, it is read by the same importer as ``python -m bot import-schedule`` into
a scratch copy of the data folder, checked as a whole like ``python -m bot check``, and
applied through ``ContentSync`` with the source «sync»: only what changed is written,
followers hear through the reminders' machinery, the audit log names the sync, and chat
edits stand by the same rule as for ``load``. A fetch that fails or an export that is
broken changes nothing: the bot keeps the last good programme, logs why, and tells the
organisers once per failing spell (and once when it works again).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import shutil
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

import aiohttp

from bot.content import ContentError, load_content
from bot.content.importers import ScheduleImportError, import_schedule
from bot.content.models import Content
from bot.delivery.messages import Outgoing
from bot.delivery.notify import Notifier, Render
from bot.programme.signal import ChangeSignal
from bot.store.codec import utc_text
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService

log = logging.getLogger(__name__)

JOB = "schedule-sync"
KIND = "schedule-sync"
MAX_BYTES = 20 * 1024 * 1024
PROBLEMS_SHOWN = 3


class SyncNotices(Protocol):
    """Implemented by ``handlers/programme/notices.py``."""

    def failed(self, language: str, problem: str) -> Outgoing: ...

    def recovered(self, language: str) -> Outgoing: ...


class Synced(StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    FAILED = "failed"


class SyncError(Exception):
    """Why the export could not be used; one or a few lines for organisers."""


@dataclass(frozen=True, slots=True)
class Organisers:
    """How the sync tells the organisers (the notices rendered in each one's language)."""

    notifier: Notifier
    notices: SyncNotices
    access: AccessService

    async def tell(self, key: str, render: Render) -> None:
        await self.notifier.notify(
            await self.access.organiser_ids(), kind=KIND, key=key, render=render
        )


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    data_dir: Path
    """The data folder the export's programme joins (event, delegations, people)."""
    timeout: float = 30


class ScheduleSync:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        signal: ChangeSignal,
        organisers: Organisers,
        source: Source,
    ) -> None:
        self._store = store
        self._state = store.schedule_sync
        self._clock = clock
        self._signal = signal
        self._organisers = organisers
        self._source = source

    async def job(self) -> None:
        """The timed job."""
        await self.run()

    async def run(self) -> Synced:
        """One look at the export; never raises (a failure is logged and told)."""
        now = self._clock.now()
        try:
            body = await self._fetch()
            synced = await self._apply(body, now)
        except SyncError as error:
            await self._failed(str(error), now)
            return Synced.FAILED
        await self._succeeded()
        return synced

    async def _fetch(self) -> bytes:
        timeout = aiohttp.ClientTimeout(total=self._source.timeout)
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.get(self._source.url) as response,
            ):
                if response.status != 200:
                    raise SyncError(f"the schedule server answered HTTP {response.status}")
                body = await response.content.read(MAX_BYTES + 1)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise SyncError(f"the schedule server cannot be reached ({error!r})") from error
        if len(body) > MAX_BYTES:
            raise SyncError(f"the export is larger than {MAX_BYTES // 1024 // 1024} MB")
        return body

    async def _apply(self, body: bytes, now: dt.datetime) -> Synced:
        digest = hashlib.sha256(body).hexdigest()
        if digest == await self._state.digest():
            return Synced.UNCHANGED
        content = await asyncio.to_thread(self._content, body)
        report = await self._store.content.apply(content, now, source="sync")
        await self._state.applied(digest, now)
        if not report.changed:
            return Synced.UNCHANGED
        self._signal.fire()
        log.info("schedule sync applied: %s", report.counts)
        return Synced.CHANGED

    def _content(self, body: bytes) -> Content:
        """The export read into a scratch copy of the data folder and checked whole."""
        with tempfile.TemporaryDirectory(prefix="schedule-sync-") as scratch:
            work = Path(scratch) / "data"
            shutil.copytree(self._source.data_dir, work)
            name = "schedule.xml" if body.lstrip()[:1] == b"<" else "schedule.json"
            export = Path(scratch) / name
            export.write_bytes(body)
            try:
                import_schedule(export, work)
                return load_content(work)
            except ScheduleImportError as error:
                problems = [str(p).replace(str(export), "the export") for p in error.problems]
            except ContentError as error:
                problems = [str(p) for p in error.problems]
        raise SyncError("\n".join(problems[:PROBLEMS_SHOWN]))

    async def _failed(self, problem: str, now: dt.datetime) -> None:
        log.warning("schedule sync failed, the programme stays as it was: %s", problem)
        if await self._state.failing_since() is not None:
            return  # told already in this failing spell
        notices = self._organisers.notices
        async with self._store.transaction():
            await self._state.failing(problem, now)
            await self._organisers.tell(
                f"failed@{utc_text(now)}", lambda language: notices.failed(language, problem)
            )

    async def _succeeded(self) -> None:
        since = await self._state.failing_since()
        if since is None:
            return
        notices = self._organisers.notices
        async with self._store.transaction():
            await self._state.recovered()
            await self._organisers.tell(f"recovered@{since}", notices.recovered)
        log.info("schedule sync works again (failing since %s)", since)
