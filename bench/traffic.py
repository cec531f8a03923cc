"""The updates the benches feed, as Telegram would send them, and how times are summed up."""

from __future__ import annotations

import itertools
import statistics
import time
from typing import Any

_message_ids = itertools.count(1)


def sender(user: int, language: str = "ru") -> dict[str, Any]:
    return {"id": user, "is_bot": False, "first_name": f"User {user}", "language_code": language}


def message(user: int, text: str, language: str = "ru") -> dict[str, Any]:
    """A private text message (a command gets its ``bot_command`` entity)."""
    body: dict[str, Any] = {
        "message_id": next(_message_ids),
        "from": sender(user, language),
        "chat": {"id": user, "type": "private", "first_name": f"User {user}"},
        "date": int(time.time()),
        "text": text,
    }
    if text.startswith("/"):
        command = text.split()[0]
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    return {"message": body}


def press(
    user: int, shown: dict[str, Any], data: str, query_id: str, language: str = "ru"
) -> dict[str, Any]:
    """A button pressed under ``shown`` (a message as the fake stores it)."""
    return {
        "callback_query": {
            "id": query_id,
            "from": sender(user, language),
            "message": shown,
            "chat_instance": str(user),
            "data": data,
        }
    }


def quantiles(values: list[float]) -> dict[str, float]:
    """p50, p95 and max in milliseconds (empty when there are too few to mean anything)."""
    if len(values) < 20:
        return {}
    cuts = statistics.quantiles(values, n=100)
    return {"p50_ms": cuts[49] * 1000, "p95_ms": cuts[94] * 1000, "max_ms": max(values) * 1000}
