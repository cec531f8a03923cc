"""This bot as the benches run it: ``python -m bot run`` with a bench's settings.

    python -m bench.bot_process --api URL --database FILE [--clock-offset SECONDS]
        [--profile FILE.prof] [--tracemalloc FILE.txt]

``--clock-offset`` moves the bot's clock (2025's programme becomes «now», so a reminder
falls due during the run); ``--profile`` saves a cProfile of the event loop's thread
(read it with ``python -m pstats``); ``--tracemalloc`` writes the traced peak and
the biggest allocation sites still held when it stops. Stops on SIGTERM, as ``python -m
bot run`` does.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import gc
import tracemalloc
from pathlib import Path

from bench.world import DATA_DIR

TOKEN = "123456789:AAEventDeskBenchToken-0123456789abc"


class ShiftedClock:
    """Real time moved by a fixed offset."""

    def __init__(self, offset: dt.timedelta) -> None:
        self._offset = offset

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self._offset


async def serve(api: str, database: Path, offset: float, delivery_rate: float) -> None:
    from bot.app import App, freeze_start_up_objects
    from bot.config import Settings

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=api,
        database_path=database,
        data_dir=DATA_DIR,
        polling_timeout=5,
        log_level="WARNING",
        delivery_rate=delivery_rate,
        delivery_paid_broadcast=delivery_rate > 30,  # Telegram's paid broadcasts lift 30/s
    )
    clock = ShiftedClock(dt.timedelta(seconds=offset)) if offset else None
    async with await App.create(settings, clock) as app:
        freeze_start_up_objects()  # as `python -m bot run` does
        if tracemalloc.is_tracing():
            _started.append(tracemalloc.take_snapshot())
        await app.run_polling()


_started: list[tracemalloc.Snapshot] = []


def top_allocations(limit: int = 30) -> str:
    """The biggest allocation sites held at the end, and what grew since start-up."""
    snapshot = tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(inclusive=False, filename_pattern=tracemalloc.__file__)]
    )
    current, peak = tracemalloc.get_traced_memory()
    lines = [f"traced now {current / 2**20:.1f} MiB, peak {peak / 2**20:.1f} MiB"]
    unreachable = gc.collect()
    lines += [
        f"a full collection then frees {unreachable} objects:"
        f" {tracemalloc.get_traced_memory()[0] / 2**20:.1f} MiB left",
        "",
    ]
    lines += ["held at the end, by line:"]
    lines += [str(stat) for stat in snapshot.statistics("lineno")[:limit]]
    if _started:
        lines += ["", "grown since start-up, by traceback:"]
        for stat in snapshot.compare_to(_started[0], "traceback")[:limit]:
            lines += [str(stat), *("    " + line for line in stat.traceback.format()[-6:])]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bot_process", description=__doc__)
    parser.add_argument("--api", required=True)
    parser.add_argument("--database", type=Path, required=True)
    parser.add_argument("--clock-offset", type=float, default=0.0)
    parser.add_argument("--delivery-rate", type=float, default=30.0)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--tracemalloc", type=Path)
    args = parser.parse_args()
    run = serve(args.api, args.database, args.clock_offset, args.delivery_rate)
    if args.tracemalloc:
        tracemalloc.start(5)
    profiler = cProfile.Profile() if args.profile else None
    if profiler is not None:
        profiler.enable()
    try:
        asyncio.run(run)
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile)
        if args.tracemalloc:
            args.tracemalloc.write_text(top_allocations(), encoding="utf-8")


if __name__ == "__main__":
    main()
