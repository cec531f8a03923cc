"""Run the fake Bot API as its own process: ``python -m tests.fake_bot_api --port 0``.

Benchmarks use this so the fake does not steal CPU from the bot under test. The fake is
driven through a small JSON control API under ``/_fake/`` on the same port; it prints
``READY <url>`` once listening and stops cleanly on SIGTERM/SIGINT.
Times in stats are ``time.monotonic()`` values, comparable across processes on Linux.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
from typing import Any

from aiohttp import web

from .server import Call, FakeBotAPI

JSONDict = dict[str, Any]


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(
        text=json.dumps(data, ensure_ascii=False), status=status, content_type="application/json"
    )


def _as_list(data: Any) -> list[Any]:
    return data if isinstance(data, list) else [data]


def _call_json(index: int, call: Call) -> JSONDict:
    return {
        "index": index,
        "method": call.method,
        "params": call.params,
        "files": {
            k: {"filename": name, "size": len(data)} for k, (name, data) in call.files.items()
        },
        "status": call.status,
        "response": call.response,
        "at": call.at,
    }


def control_routes(fake: FakeBotAPI) -> list[web.RouteDef]:
    """Routes that let another process do what tests do with the FakeBotAPI object."""

    async def updates(request: web.Request) -> web.Response:
        ids = [fake.push_update(update) for update in _as_list(await request.json())]
        return _json({"ok": True, "update_ids": ids})

    async def users(request: web.Request) -> web.Response:
        for spec in _as_list(await request.json()):
            fake.user(
                int(spec["id"]),
                first_name=spec.get("first_name", "Test"),
                last_name=spec.get("last_name"),
                username=spec.get("username"),
                language_code=spec.get("language_code", "ru"),
            )
        return _json({"ok": True})

    async def faults(request: web.Request) -> web.Response:
        for spec in _as_list(await request.json()):
            spec = dict(spec)
            if "rate" in spec:
                rate = float(spec.pop("rate"))
                if "methods" in spec:
                    spec["methods"] = tuple(spec["methods"])
                fake.fail_randomly(rate, **spec)
            elif spec.get("clear"):
                fake.clear_faults()
            else:
                fake.fail_next(spec.pop("method", None), **spec)
        return _json({"ok": True})

    async def block(request: web.Request) -> web.Response:
        spec = await request.json()
        user_id = int(spec["user_id"])
        if spec.get("deactivate"):
            fake.deactivate(user_id)
        elif spec.get("unblock"):
            fake.unblock(user_id)
        else:
            fake.block(user_id)
        return _json({"ok": True})

    async def stats(request: web.Request) -> web.Response:
        per_method = {
            method: {str(status): n for status, n in counts.items()}
            for method, counts in fake.stats().items()
        }
        return _json(
            {
                "methods": per_method,
                "sends": fake.sends_summary(),
                "calls": len(fake.calls),
                "unexpected": [c.method for c in fake.unexpected],
                "pending_updates": len(fake._updates),
            }
        )

    async def calls(request: web.Request) -> web.Response:
        since = int(request.query.get("since", 0))
        method = request.query.get("method")
        wanted = None if method is None else fake._canonical(method)
        selected = [
            _call_json(i, call)
            for i, call in enumerate(fake.calls[since:], start=since)
            if wanted is None or call.method == wanted
        ]
        return _json({"calls": selected, "next": len(fake.calls)})

    async def hidden_limit(request: web.Request) -> web.Response:
        spec = await request.json()
        fake.hide_limit(None if spec.get("per_second") is None else int(spec["per_second"]))
        return _json({"ok": True})

    async def arrivals(request: web.Request) -> web.Response:
        return _json({"arrivals": fake.arrivals, "max_per_second": fake.max_arrivals_in(1.0)})

    async def messages(request: web.Request) -> web.Response:
        return _json({"messages": fake.chat_messages(int(request.query["chat_id"]))})

    async def reset(request: web.Request) -> web.Response:
        fake.reset_calls()
        fake.clear_faults()
        return _json({"ok": True})

    return [
        web.post("/_fake/updates", updates),
        web.post("/_fake/users", users),
        web.post("/_fake/faults", faults),
        web.post("/_fake/block", block),
        web.post("/_fake/hidden_limit", hidden_limit),
        web.get("/_fake/arrivals", arrivals),
        web.get("/_fake/stats", stats),
        web.get("/_fake/calls", calls),
        web.get("/_fake/messages", messages),
        web.post("/_fake/reset", reset),
    ]


async def serve(args: argparse.Namespace) -> None:
    """Start the fake, announce the URL, run until SIGTERM/SIGINT."""
    fake = FakeBotAPI(
        args.token,
        username=args.username,
        host=args.host,
        port=args.port,
        enforce_rate_limits=args.enforce_rate_limits,
        hidden_limit=args.hidden_limit,
    )
    fake.app.add_routes(control_routes(fake))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await fake.start()
    print(f"READY {fake.url}", flush=True)
    try:
        await stop.wait()
    finally:
        await fake.close()


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and serve."""
    parser = argparse.ArgumentParser(prog="python -m tests.fake_bot_api", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--token", default="123456789:TEST-fake-token")
    parser.add_argument("--username", default="event_desk_test_bot")
    parser.add_argument("--enforce-rate-limits", action="store_true")
    parser.add_argument(
        "--hidden-limit", type=int, default=None, help="429 past this many sends per sliding second"
    )
    asyncio.run(serve(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
