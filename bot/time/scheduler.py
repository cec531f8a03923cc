"""Timed jobs behind a small Protocol: APScheduler in production, a clock-driven fake in tests.

Jobs carry only ids (a session id, a day): what they act on is read from the store when
they run, and the whole set is rebuilt from the store at start-up, so nothing is lost
when the process restarts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.time.clock import Clock

log = logging.getLogger(__name__)

JobArg = int | str
Job = Callable[..., Awaitable[None]]


class Scheduler(Protocol):
    def run_at(self, job_id: str, moment: dt.datetime, job: Job, *args: JobArg) -> None:
        """Run ``job(*args)`` once at ``moment`` (clock time), replacing a job with that id.

        A moment already past runs as soon as possible.
        """
        ...

    def run_every(self, job_id: str, seconds: float, job: Job, *args: JobArg) -> None:
        """Run ``job(*args)`` every ``seconds`` of real time."""
        ...

    def cancel(self, job_id: str) -> None:
        """Forget the job if it exists."""
        ...

    def job_ids(self) -> set[str]: ...

    def start(self) -> None: ...

    async def health(self) -> dict[str, Any]:
        """For ``/healthz``: ``{"ok": running, ...}``."""
        ...

    async def stop(self) -> None:
        """Stop firing and wait for the jobs that are running."""
        ...


class APSchedulerJobs:
    """APScheduler 3's AsyncIOScheduler in the bot's own event loop.

    Moments are given in the injected clock's time and converted to a delay, so a shifted
    clock (benchmarks) schedules correctly too.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._scheduler = AsyncIOScheduler(timezone=dt.UTC)
        self._running: set[asyncio.Task[None]] = set()

    def run_at(self, job_id: str, moment: dt.datetime, job: Job, *args: JobArg) -> None:
        delay = max(moment - self._clock.now(), dt.timedelta())
        self._scheduler.add_job(
            self._run,
            DateTrigger(run_date=dt.datetime.now(dt.UTC) + delay),
            args=(job_id, job, *args),
            id=job_id,
            replace_existing=True,
            misfire_grace_time=None,  # late is better than never: the job itself decides
        )

    def run_every(self, job_id: str, seconds: float, job: Job, *args: JobArg) -> None:
        self._scheduler.add_job(
            self._run,
            IntervalTrigger(seconds=seconds),
            args=(job_id, job, *args),
            id=job_id,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
        )

    def cancel(self, job_id: str) -> None:
        if self._scheduler.get_job(job_id) is not None:
            self._scheduler.remove_job(job_id)

    def job_ids(self) -> set[str]:
        return {job.id for job in self._scheduler.get_jobs()}

    def start(self) -> None:
        self._scheduler.start()

    async def health(self) -> dict[str, Any]:
        """For ``/healthz``: running, with the number of planned jobs."""
        return {"ok": self._scheduler.running, "jobs": len(self._scheduler.get_jobs())}

    async def stop(self) -> None:
        """No new runs, then the running jobs finish (shutting the scheduler down first
        would make APScheduler cancel them halfway through a write)."""
        if self._scheduler.running:
            self._scheduler.pause()
        if self._running:
            await asyncio.gather(*self._running, return_exceptions=True)
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    async def _run(self, job_id: str, job: Job, *args: JobArg) -> None:
        """Every run is owned (awaited on stop) and its failure logged, never lost."""
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        try:
            await job(*args)
        except Exception:
            log.exception("scheduled job %s failed", job_id)
        finally:
            if task is not None:
                self._running.discard(task)
