"""A scheduler the tests drive with the ManualClock: nothing fires until ``run_due()``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.time.clock import Clock
from bot.time.scheduler import Job, JobArg


@dataclass(slots=True)
class _Entry:
    moment: dt.datetime | None  # None: a periodic job, run on every ``run_due()``
    job: Job
    args: tuple[JobArg, ...]


class ClockScheduler:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._jobs: dict[str, _Entry] = {}
        self.running = False

    def run_at(self, job_id: str, moment: dt.datetime, job: Job, *args: JobArg) -> None:
        self._jobs[job_id] = _Entry(moment, job, args)

    def run_every(self, job_id: str, seconds: float, job: Job, *args: JobArg) -> None:
        self._jobs[job_id] = _Entry(None, job, args)

    def cancel(self, job_id: str) -> None:
        self._jobs.pop(job_id, None)

    def job_ids(self) -> set[str]:
        return set(self._jobs)

    def moment_of(self, job_id: str) -> dt.datetime | None:
        return self._jobs[job_id].moment

    def start(self) -> None:
        self.running = True

    async def health(self) -> dict[str, Any]:
        return {"ok": self.running, "jobs": len(self._jobs)}

    async def stop(self) -> None:
        self.running = False

    async def run_due(self) -> list[str]:
        """Run the periodic jobs and every one-off job whose moment has come, in time order."""
        now = self._clock.now()
        periodic = [(i, e) for i, e in self._jobs.items() if e.moment is None]
        due = sorted(
            ((i, e) for i, e in self._jobs.items() if e.moment is not None and e.moment <= now),
            key=lambda item: item[1].moment or now,
        )
        ran = []
        for job_id, entry in [*periodic, *due]:
            if entry.moment is not None:
                if self._jobs.get(job_id) is not entry:
                    continue  # replaced or cancelled by a job that ran before it
                del self._jobs[job_id]
            await entry.job(*entry.args)
            ran.append(job_id)
        return ran
