"""The production scheduler adapter: clock-time moments, replacement, owned runs."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.time.scheduler import APSchedulerJobs
from tests.clock import ManualClock
from tests.conftest import local


async def test_jobs_fire_by_clock_time_and_can_be_replaced_or_cancelled() -> None:
    clock = ManualClock(local(5, 9))  # far from real time: moments are relative to it
    jobs = APSchedulerJobs(clock)
    ran: list[str] = []
    done = asyncio.Event()

    async def record(name: str) -> None:
        ran.append(name)
        if name == "last":
            done.set()

    async def broken(name: str) -> None:
        raise RuntimeError(name)

    jobs.start()
    try:
        soon = clock.now() + dt.timedelta(milliseconds=50)
        jobs.run_at("a", soon, record, "replaced")
        jobs.run_at("a", soon, record, "first")
        jobs.run_at("b", soon, record, "cancelled")
        jobs.cancel("b")
        jobs.run_at("c", clock.now() - dt.timedelta(hours=1), broken, "logged, not raised")
        jobs.run_at("d", clock.now() + dt.timedelta(milliseconds=150), record, "last")
        assert jobs.job_ids() == {"a", "c", "d"}
        await asyncio.wait_for(done.wait(), timeout=3)
    finally:
        await jobs.stop()
    assert ran == ["first", "last"]
    assert jobs.job_ids() == set()
