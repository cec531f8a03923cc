"""bench.throughput at a tiny size, so it cannot rot (the figures are in README)."""

from __future__ import annotations

import asyncio

import pytest

from bench import throughput

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def test_three_bots_answer_the_same_burst_and_the_figures_print(
    capsys: pytest.CaptureFixture[str],
) -> None:
    results = asyncio.run(throughput.run(users=20, profile=None))
    throughput.report(results)
    printed = capsys.readouterr().out
    assert "CPU per update, this bot / same-reply bot" in printed
    assert "latency at half rate" in printed
    echo, same, bot = results["echo"], results["same"], results["bot"]
    assert same["calls_per_update"] == bot["calls_per_update"] == echo["calls_per_update"]
    chars = bot["request_chars_per_update"]
    assert abs(same["request_chars_per_update"] - chars) < 0.02 * chars, "the same replies"
    assert echo["request_chars_per_update"] < chars / 3, "the echo bot's replies are bare"
    assert all(r["rss_mb"] > 100 for r in results.values())
    assert bot["p95_ms"] > 0
