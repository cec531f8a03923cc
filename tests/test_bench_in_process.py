"""The in-process bench runs and compares like with like (its CPU figures depend on the
machine, so only what does not is asserted)."""

from __future__ import annotations

from bench import in_process


async def test_both_bots_answer_every_update_of_a_small_burst() -> None:
    results = await in_process.run(users=5, rounds=2, profile=None)
    assert len(results) == 2
    for figures in results:
        for bot in ("bot", "same"):
            assert all(figures[bot][key] >= 0 for key in ("cpu_ms_per_message", "cpu_ms_per_press"))
        # Four messages answered by one call each, two presses by an edit and an answer:
        # the same-reply bot replays this bot's calls, so both make 8 for 6 updates.
        assert figures["bot"]["calls_per_update"] == figures["same"]["calls_per_update"] == 8 / 6
