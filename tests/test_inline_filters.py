"""No filter of the bot runs in a worker thread (bot/telegram/inline_filters.py).

aiogram 3.31 sends every filter that is not a coroutine through ``asyncio.to_thread``; the
bot's magic filters (``F.chat.type == "private"``) and form states are awaited in place
instead, with the same answers: private chats only, form steps in order.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from aiogram.dispatcher.event import handler as aiogram_handler

from bot.app import App
from tests.fake_bot_api import FakeBotAPI


def filters_and_handlers(app: App) -> list[Any]:
    """Every FilterObject and HandlerObject of the bot's dispatcher, sub-routers included."""
    found: list[Any] = []
    routers = [app.dispatcher]
    while routers:
        router = routers.pop()
        routers += router.sub_routers
        for observer in router.observers.values():
            found += observer._handler.filters or ()  # the router's own filters
            for handler in observer.handlers:
                found += [*(handler.filters or ()), handler]
    return found


def test_every_filter_and_handler_of_the_bot_is_awaited_in_place(app: App) -> None:
    everything = filters_and_handlers(app)
    assert len(everything) > 300
    assert [obj.callback for obj in everything if not obj.awaitable] == []


async def test_private_chats_and_form_steps_work_without_a_worker_thread(
    fake: FakeBotAPI, app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_thread(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a filter or handler went to a worker thread")

    monkeypatch.setattr(aiogram_handler.asyncio, "to_thread", no_thread)
    journalist = fake.user(2001, language_code="en")
    await journalist.send("/agenda")
    assert (await journalist.receive())["text"].startswith("Programme")

    group = {"id": -100500, "type": "group", "title": "Newsroom"}
    fake.push_update(
        {
            "message": {
                "message_id": 1,
                "from": journalist.user,
                "chat": group,
                "date": int(time.time()),
                "text": "/agenda",
                "entities": [{"type": "bot_command", "offset": 0, "length": 7}],
            }
        }
    )
    await journalist.send("/press")
    menu = await journalist.receive()  # answered after the group's update: that one was not
    assert not [c for c in fake.calls_to("sendMessage") if c.params["chat_id"] == group["id"]]

    await journalist.press(menu, "🪪 Apply for accreditation")
    assert "step 1 of 4" in (await journalist.receive())["text"].lower()
    await journalist.send("Aina Berdyeva")
    assert "step 2 of 4" in (await journalist.receive())["text"].lower()
