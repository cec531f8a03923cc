"""The live-programme feature assembled for ``bot/app.py``: its services, one signal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bot.agenda.service import AgendaService
from bot.config import Settings
from bot.programme.service import ProgrammeDesk
from bot.programme.signal import ChangeSignal, Planner
from bot.programme.stage import StageService
from bot.store.holder import Store
from bot.time.clock import Clock


@dataclass(frozen=True, slots=True)
class LiveProgramme:
    signal: ChangeSignal
    desk: ProgrammeDesk
    stage: StageService

    @classmethod
    def build(
        cls,
        store: Store,
        clock: Clock,
        agenda: AgendaService,
        planner: Planner,
        settings: Settings,
    ) -> LiveProgramme:
        quiet = dt.timedelta(minutes=settings.changes_quiet_minutes)
        signal = ChangeSignal(store.content_cache, planner)
        return cls(
            signal=signal,
            desk=ProgrammeDesk(store, clock, agenda, signal, quiet),
            stage=StageService(store, clock, signal),
        )

    def workflow_data(self) -> dict[str, Any]:
        """What handlers receive by name from the Dispatcher."""
        return {"programme_desk": self.desk, "on_stage": self.stage}
