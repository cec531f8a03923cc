"""An SMTP server that keeps nothing but each message's Message-ID, in its own process, so
the bench's CPU figures are the sender's alone. On SIGTERM it writes what it counted.

    python -m bench.smtp_sink --port 2525 --report counts.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import signal
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP

MESSAGE_ID = re.compile(rb"^Message-ID: *(\S+)", re.MULTILINE | re.IGNORECASE)


class Counter:
    def __init__(self) -> None:
        self.ids: list[str] = []

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:  # noqa: N802
        found = MESSAGE_ID.search(bytes(envelope.content))
        self.ids.append(found.group(1).decode() if found else "")
        return "250 OK"


async def serve(port: int, report: Path) -> None:
    counter = Counter()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(counter), "127.0.0.1", port)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    server.close()
    ids = counter.ids
    counts = json.dumps({"messages": len(ids), "unique": len(set(ids))})
    await asyncio.to_thread(report.write_text, counts)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.smtp_sink", description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--report", type=Path, required=True)
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.report))


if __name__ == "__main__":
    main()
