"""Who taps what in bench.peak, and how the taps reach the fake Bot API.

Half the tappers follow the session whose reminder is the occasion and press «Session
details» under it; the other half follow neither it nor the session they press «🔔 Remind
me» for, under that session's detail they opened before the peak.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.baseline_bot import ReplyBook, book_key, capture
from bench.fake_process import FakeClient
from bench.traffic import press
from bench.world import Session, language_of
from bot.store.holder import Store

LEAD = dt.timedelta(minutes=15)  # bot/reminders/service.py DEFAULT_LEAD
HEADSTART = 12.0  # seconds from the bot's start to the reminder's moment
BATCHES_PER_SECOND = 20


@dataclass
class Plan:
    """Who taps what, decided from the store's followers."""

    reminded: Session  # its reminder is the peak's occasion
    followed: Session  # «Remind me» is pressed for it
    detail_users: list[int] = field(default_factory=list)  # filled once they have the reminder
    remind_users: list[int] = field(default_factory=list)
    capture_remind: list[int] = field(default_factory=list)  # one per language, after the peak

    def details(self) -> str:
        return f"ag:sb::{self.reminded.id}:0"

    def open_followed(self) -> str:
        return f"ag:sb::{self.followed.id}:0"

    def remind(self) -> str:
        return f"rm:on:{self.followed.id}::0"


def make_plan(sessions: list[Session], users: int, taps: int) -> Plan:
    reminded, followed = sessions[0], sessions[min(2, len(sessions) - 1)]
    busy = set(reminded.followers) | set(followed.followers)
    free = [u for u in range(users, 0, -1) if u not in busy]
    half = taps - taps // 2
    if len(free) < half + 2 or len(reminded.followers) < taps // 2 + 2:
        raise SystemExit("too few users for that many taps")
    return Plan(reminded, followed, [], sorted(free[:half]), free[half : half + 2])


def placeholder(user: int) -> dict[str, Any]:
    """A message the button was under, where its content does not matter to the bot."""
    chat = {"id": user, "type": "private", "first_name": f"User {user}"}
    return {"message_id": 1, "date": int(time.time()), "chat": chat, "text": "·"}


async def open_followed(fake: FakeClient, plan: Plan, tag: str) -> dict[int, dict[str, Any]]:
    """Before the peak, the «Remind me» users open the other session; returns the message
    each of them got (the button they will press is under it)."""
    _, start = await fake.calls(since=10**9)
    data = plan.open_followed()
    updates = [
        press(u, placeholder(u), data, f"{tag}open{u}", language_of(u)) for u in plan.remind_users
    ]
    answered = await fake.count("answerCallbackQuery")
    await fake.updates(updates)
    await fake.wait_for({"answerCallbackQuery": answered + len(updates)})
    calls, _ = await fake.calls("sendMessage", since=start)
    return {c["params"]["chat_id"]: c["response"]["result"] for c in calls if c["status"] == 200}


def is_reminder(call: dict[str, Any], plan: Plan) -> bool:
    """A reminder of the peak's session: a message carrying its «Session details»."""
    params = call["params"]
    return (
        call["method"] == "sendMessage"
        and call["status"] == 200
        and plan.details() in json.dumps(params.get("reply_markup"))
    )


async def reminders_received(fake: FakeClient, plan: Plan, since: int) -> dict[int, dict[str, Any]]:
    """The reminder messages delivered so far, by chat."""
    calls, _ = await fake.calls("sendMessage", since=since)
    return {c["params"]["chat_id"]: c["response"]["result"] for c in calls if is_reminder(c, plan)}


async def wait_for_reminders(
    fake: FakeClient, plan: Plan, since: int, wanted: int
) -> dict[int, Any]:
    deadline = time.monotonic() + HEADSTART + wanted / 5 + 60
    while time.monotonic() < deadline:
        received = await reminders_received(fake, plan, since)
        if len(received) >= wanted:
            return received
        await asyncio.sleep(0.1)
    raise TimeoutError(f"the reminder did not reach {wanted} followers")


def taps_for(
    plan: Plan, tag: str, reminders: dict[int, Any], opened: dict[int, Any]
) -> list[dict[str, Any]]:
    """The peak's updates, the two kinds interleaved."""
    details = [
        press(u, reminders[u], plan.details(), f"{tag}d{u}", language_of(u))
        for u in plan.detail_users
    ]
    reminds = [
        press(u, opened[u], plan.remind(), f"{tag}r{u}", language_of(u)) for u in plan.remind_users
    ]
    mixed = [tap for pair in zip(details, reminds, strict=False) for tap in pair]
    return mixed + details[len(reminds) :] + reminds[len(details) :]


async def push_spread(
    fake: FakeClient, taps: list[dict[str, Any]], spread: float
) -> dict[str, float]:
    """Push the taps evenly over ``spread`` seconds; returns when each was pushed."""
    batches = max(1, round(spread * BATCHES_PER_SECOND))
    size = -(-len(taps) // batches)
    pushed: dict[str, float] = {}
    start = time.monotonic()
    for number in range(batches):
        batch = taps[number * size : (number + 1) * size]
        if not batch:
            break
        await asyncio.sleep(max(0.0, start + number * spread / batches - time.monotonic()))
        at = time.monotonic()
        pushed |= {tap["callback_query"]["id"]: at for tap in batch}
        await fake.updates(batch)
    return pushed


async def capture_book(fake: FakeClient, plan: Plan, reminders: dict[int, Any]) -> ReplyBook:
    """This bot's replies to each kind of tap in each language, one tap at a time."""
    book = ReplyBook()
    tapped = set(plan.detail_users)
    for language in ("ru", "en"):
        user = next(u for u in reminders if u not in tapped and language_of(u) == language)
        shown = reminders[user]
        update = press(user, shown, plan.details(), f"cd{user}", language)
        book.replies[book_key(language, plan.details())] = await capture(fake, update, user)
    for user in plan.capture_remind:
        language = language_of(user)
        update = press(user, placeholder(user), plan.open_followed(), f"co{user}", language)
        book.replies[book_key(language, plan.open_followed())] = await capture(fake, update, user)
        shown = next(m for m in reversed(await fake.messages(user)) if "rm:on" in json.dumps(m))
        update = press(user, shown, plan.remind(), f"cr{user}", language)
        book.replies[book_key(language, plan.remind())] = await capture(fake, update, user)
    return book


async def not_stored(database: Path, plan: Plan) -> int:
    """«Remind me» taps whose subscription is not in the store."""
    store = await Store.open(database)
    try:
        rows = await store.db.execute_fetchall(
            "SELECT user_id FROM subscriptions WHERE session_id = ?", (plan.followed.id,)
        )
    finally:
        await store.close()
    stored = {row[0] for row in rows}
    return sum(1 for u in plan.remind_users if u not in stored)
