"""bench.peak at a tiny size, so it cannot rot (the figures are in README)."""

from __future__ import annotations

import asyncio

import pytest

from bench import peak

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def test_taps_during_a_reminder_are_each_answered_once_and_the_figures_print(
    capsys: pytest.CaptureFixture[str],
) -> None:
    results = asyncio.run(
        peak.run(users=300, followers=40, taps=20, spread=0.5, baseline=True, headstart=5)
    )
    peak.report(results, spread=0.5)
    printed = capsys.readouterr().out
    assert "update → answer p50" in printed
    assert "target p95 < 1 s" in printed
    bot, same = results["bot"], results["same"]
    for figures in (bot, same):
        assert figures["taps"] == 20
        assert (figures["lost"], figures["answered_twice"]) == (0, 0)
        assert figures["answer"]["max_ms"] > 0
    assert bot["remind_not_stored"] == 0
    assert (bot["reminders_delivered"], bot["reminder_duplicates"]) == (40, 0)
    assert same["calls_per_tap"] == bot["calls_per_tap"] == 2, "a reply and the answer"
    chars = bot["request_chars_per_tap"]
    assert abs(same["request_chars_per_tap"] - chars) < 0.02 * chars, "the same replies"
