"""bench.peak still runs and its moment still happens: a small peak (40 taps while the
reminder goes to 60 followers) on this bot alone. Only what does not depend on the
machine's speed is asserted; the figures themselves, run by hand, are in
docs/developers/performance.md. A bench that stopped working went unnoticed once (its
followers were not owed reminders)."""

from __future__ import annotations

from bench.peak import run


async def test_a_small_peak_loses_nothing_and_the_reminder_reaches_everyone() -> None:
    results = await run(users=400, followers=60, taps=40, spread=0.5, baseline=False, headstart=6.0)
    bot = results["bot"]
    assert bot["taps"] == 40
    assert (bot["lost"], bot["answered_twice"], bot["remind_not_stored"]) == (0, 0, 0)
    assert bot["reminders_delivered"] == bot["reminders_expected"] == 60
    assert bot["reminder_duplicates"] == 0
