"""Store under the issue's mix of traffic: counts every action that failed or was lost.

A broadcast to 490 users at the configured rate, 300 active users flipping their language
and opening /reminders, 100 users blocking and unblocking, 600 newcomers sending /start,
and a content load from a second connection, all against the real bot over HTTP (the
fake Bot API in this process: what is measured is failures, not speed).

    python -m bench.store_mix [--recipients 490] [--active 300] [--stormy 100] [--newcomers 600]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
from pathlib import Path

from bot.config import Settings
from tests.clock import ManualClock
from tests.conftest import DATA_DIR, TOKEN, local
from tests.fake_bot_api import FakeBotAPI
from tests.scheduler import ClockScheduler
from tests.traffic_mix import Mix, run_mix


async def main(mix: Mix, rate: float) -> int:
    async with FakeBotAPI(token=TOKEN) as fake:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                bot_token=TOKEN,
                telegram_api_url=fake.url,
                database_path=Path(tmp) / "bot.sqlite3",
                data_dir=DATA_DIR,
                polling_timeout=5,
                delivery_rate=rate,
                delivery_paid_broadcast=rate > 30,
                flood_burst=1000,
            )
            clock = ManualClock(local(5, 9))
            report = await run_mix(fake, settings, clock, ClockScheduler(clock), mix)
    assert report.broadcast is not None
    print(f"mix: {mix}, delivery rate {rate:g}/s, {report.seconds:.1f} s")
    print(f"failed user actions:        {report.failed_actions} {report.examples or ''}")
    print(f"apologies sent:             {report.apologies}")
    print(f"language changes lost:      {report.languages_lost}")
    print(f"newcomers not stored:       {report.newcomers_lost}")
    print(f"left unreachable after unblocking: {report.left_unreachable}")
    print(f"broadcast: {report.broadcast.sent}/{report.broadcast.total} sent")
    print(f"'database is locked' log lines: {report.locked_errors}")
    print(f"failures in all: {report.failures} (target 0)")
    return 0 if report.failures == 0 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipients", type=int, default=490)
    parser.add_argument("--active", type=int, default=300)
    parser.add_argument("--stormy", type=int, default=100)
    parser.add_argument("--newcomers", type=int, default=600)
    parser.add_argument("--rate", type=float, default=30.0)
    args = parser.parse_args()
    # The counter in tests/traffic_mix.py reads warnings; only the figures are printed.
    logging.basicConfig(level=logging.WARNING, handlers=[logging.NullHandler()])
    mix = Mix(args.recipients, args.active, args.stormy, args.newcomers)
    raise SystemExit(asyncio.run(main(mix, args.rate)))
