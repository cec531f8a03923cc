"""bench.email end to end at a small size: every address gets the release once."""

from __future__ import annotations

from bench.email import run


async def test_the_bench_sends_a_release_to_every_address_once() -> None:
    result = await run(recipients=12, rate=1000.0)
    assert result["messages"] == 12
    assert result["unique"] == 12
    assert result["sent"] == 12
    assert result["cpu_s"] > 0
