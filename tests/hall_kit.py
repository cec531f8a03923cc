"""What the questions and feedback tests share: walking to a session, reading buttons,
and a snapshot of every table the two features write."""

from __future__ import annotations

from typing import Any

from bot.store.holder import Store
from tests.fake_bot_api.users import FakeUser

Message = dict[str, Any]
ORGANISER = 900001
HUGE = "9" * 25
HALL_TABLES = (
    "questions",
    "question_votes",
    "session_moderators",
    "question_boards",
    "feedback_asks",
    "feedback_rounds",
    "feedback",
    "feedback_opt_outs",
    "survey_rounds",
    "survey_answers",
    "invites",
)


def buttons(message: Message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


def button_starting(message: Message, prefix: str) -> str:
    found = [text for text in buttons(message) if text.startswith(prefix)]
    assert found, f"no button starting with {prefix!r} in {buttons(message)}"
    return found[0]


def data_of(message: Message, text: str) -> str:
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for button in row:
            if button["text"] == text:
                return str(button["callback_data"])
    raise AssertionError(f"no button {text!r} in {buttons(message)}")


async def say(user: FakeUser, text: str) -> Message:
    await user.send(text)
    return await user.receive()


async def tap(user: FakeUser, message: Message, text: str) -> Message:
    """Press a button and return what the bot showed next (an edit or a new message)."""
    await user.press(message, text)
    return await user.receive()


async def answer_to(user: FakeUser, message: Message, data: str) -> dict[str, Any]:
    """Press a button with any callback data; return the callback query's answer."""
    return await user.wait_answer(await user.press(message, data=data))


async def open_session(user: FakeUser, starts: str = "10:00", day: int = 0) -> Message:
    """/agenda → the day → the session starting at ``starts``: its page."""
    days = await say(user, "/agenda")
    day_message = await tap(user, days, buttons(days)[day])
    return await tap(user, day_message, button_starting(day_message, starts))


async def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables questions and feedback write (invites included)."""
    rows = {}
    for table in HALL_TABLES:
        found = await store.db.execute_fetchall(f"SELECT * FROM {table} ORDER BY rowid")
        rows[table] = [tuple(row) for row in found]
    return rows
