"""The live-programme feature assembled for ``bot/app.py``: its services, one signal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.agenda.service import AgendaService
from bot.config import Settings
from bot.programme.boards import JOB, BoardPublisher, LiveBoards
from bot.programme.schedule_sync import JOB as SYNC_JOB
from bot.programme.schedule_sync import Organisers, ScheduleSync, Source
from bot.programme.service import ProgrammeDesk
from bot.programme.signal import ChangeSignal, Planner
from bot.programme.stage import StageService
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.time.scheduler import Scheduler


@dataclass(frozen=True, slots=True)
class LiveProgramme:
    signal: ChangeSignal
    desk: ProgrammeDesk
    stage: StageService
    boards: LiveBoards

    @classmethod
    def build(
        cls,
        store: Store,
        clock: Clock,
        scheduler: Scheduler,
        agenda: AgendaService,
        *,
        planner: Planner,
        publisher: BoardPublisher,
        organisers: Organisers,
        settings: Settings,
    ) -> LiveProgramme:
        """The services, and the live messages' timed job (woken by every change too)."""
        quiet = dt.timedelta(minutes=settings.changes_quiet_minutes)
        signal = ChangeSignal(store.content_cache, planner)
        boards = LiveBoards(store, clock, scheduler, agenda, publisher)
        signal.subscribe(boards.wake)
        scheduler.run_every(JOB, settings.live_board_seconds, boards.refresh)
        if settings.schedule_url is not None:
            source = Source(settings.schedule_url, settings.data_dir)
            sync = ScheduleSync(store, clock, signal, organisers, source)
            scheduler.run_every(SYNC_JOB, settings.schedule_sync_minutes * 60, sync.job)
        return cls(
            signal=signal,
            desk=ProgrammeDesk(store, clock, agenda, signal, quiet),
            stage=StageService(store, clock, signal),
            boards=boards,
        )

    def workflow_data(self) -> dict[str, Any]:
        """What handlers receive by name from the Dispatcher."""
        return {"programme_desk": self.desk, "on_stage": self.stage, "live_boards": self.boards}
