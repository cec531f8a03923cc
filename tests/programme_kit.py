"""What the programme-change tests share: opening «✏️ Change», reading the store, ticking."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.app import App
from bot.store.holder import Store
from tests.clock import ManualClock
from tests.fake_bot_api import FakeUser
from tests.test_reminders import open_session, tick

ORGANISER = 900001
Message = dict[str, Any]
CHANGE = {"en": "✏️ Change", "ru": "✏️ Изменить"}


def language(user: FakeUser) -> str:
    return str(user.user.get("language_code") or "ru")


async def change_menu(organiser: FakeUser, day: str, time: str) -> Message:
    """/agenda → day → session → «✏️ Change»: the menu, in place of the session page."""
    page = await open_session(organiser, day, time)
    await organiser.press(page, CHANGE[language(organiser)])
    menu = await organiser.receive()
    assert menu["message_id"] == page["message_id"]
    return menu


async def session_id(store: Store, key: str) -> int:
    found = [s.id for s in await store.programme.sessions() if s.key == key]
    assert found, key
    return found[0]


async def pending_records(store: Store) -> int:
    rows = await store.db.execute_fetchall(
        "SELECT count(*) FROM session_changes WHERE handled_at IS NULL"
    )
    return int(rows[0][0])


async def rest(app: App, clock: ManualClock, minutes: float = 4) -> None:
    """The bot notices the change records, then they rest for the quiet period."""
    await tick(app)
    clock.advance(dt.timedelta(minutes=minutes))
    await tick(app)


async def send(user: FakeUser, text: str) -> Message:
    await user.send(text)
    return await user.receive()


async def press(user: FakeUser, message: Message, button: str) -> Message:
    await user.press(message, button)
    return await user.receive()


async def alert_of(user: FakeUser, message: Message, *, data: str) -> str:
    """Press a (forged) button; the alert it was answered with."""
    query = await user.press(message, data=data)
    answer = await user.wait_answer(query)
    assert answer.get("show_alert") is True, answer
    return str(answer.get("text", ""))
