"""Named health checks behind ``GET /healthz``: each part of the bot adds its own.

The store adds itself in ``App.create``; a part that comes later (the scheduler, the
delivery worker) calls ``app.health.add("scheduler", its_check)`` and shows up in the
report without touching the web server.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

Check = Callable[[], Awaitable[dict[str, Any]]]
"""Returns details for the report; ``{"ok": False, ...}`` or an exception means failing."""


@dataclass(frozen=True, slots=True)
class HealthReport:
    ok: bool
    checks: dict[str, dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return {"status": "ok" if self.ok else "failing", "checks": self.checks}


class HealthChecks:
    def __init__(self, timeout: float = 2.0) -> None:
        self._checks: dict[str, Check] = {}
        self._timeout = timeout

    def add(self, name: str, check: Check) -> None:
        if name in self._checks:
            raise ValueError(f"health check {name!r} is already registered")
        self._checks[name] = check

    @property
    def names(self) -> list[str]:
        return list(self._checks)

    async def run(self) -> HealthReport:
        """Every check, each bounded by the timeout so one hung part cannot hang the probe."""
        results: dict[str, dict[str, Any]] = {}
        for name, check in self._checks.items():
            try:
                async with asyncio.timeout(self._timeout):
                    details = await check()
            except Exception as error:
                log.warning("health check %s failed: %r", name, error)
                details = {"ok": False, "error": f"{type(error).__name__}: {error}"}
            results[name] = {"ok": True, **details}
        return HealthReport(all(r["ok"] for r in results.values()), results)
