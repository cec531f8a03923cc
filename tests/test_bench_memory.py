"""bench.memory at a tiny size, so it cannot rot (the figures are in README)."""

from __future__ import annotations

import asyncio

import pytest

from bench import memory

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def test_both_bots_answer_everyone_and_the_difference_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    results = asyncio.run(memory.run(users=300, followers=30, delivery_rate=300, headstart=5))
    memory.report(results, users=300, followers=30)
    printed = capsys.readouterr().out
    assert "this bot adds" in printed
    bot, same = results["bot"], results["same"]
    assert (bot["updates"], bot["reminders"]) == (298, 30)
    assert (same["updates"], same["reminders"]) == (298, 0)
    for figures in (bot, same):
        assert figures["peak_rss_mb"] >= figures["rss_after_start_mb"] > 100
