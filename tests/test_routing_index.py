"""The routing index skips only routers whose filters would all refuse the update."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandStart, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bot.telegram.routing import IndexedDispatcher
from handlers import routers as bot_routers
from handlers.agenda.callbacks import AgendaCb, AgendaView

TOKEN = "42:routing-index-test"


class Day(CallbackData, prefix="day"):
    n: int


class Other(CallbackData, prefix="other"):
    n: int


class Ask(StatesGroup):
    text = State()


entered: list[str] = []


def _router(name: str) -> Router:
    router = Router(name=name)

    async def enter(handler: Any, event: Any, data: dict[str, Any]) -> Any:
        entered.append(name)
        return await handler(event, data)

    router.message.outer_middleware(enter)
    router.callback_query.outer_middleware(enter)
    return router


def _dispatcher() -> IndexedDispatcher:
    """Routers shaped like the bot's: commands, buttons, a form step, a magic filter, the
    fallback last."""
    dispatcher = IndexedDispatcher()
    links, commands, buttons, form, photos, fallback = (
        _router(n) for n in ("links", "commands", "buttons", "form", "photos", "fallback")
    )
    links.message.register(lambda m: "linked", CommandStart(deep_link=True))
    commands.message.register(lambda m: "start", CommandStart())
    commands.message.register(lambda m: "agenda", Command("agenda", ignore_case=True))
    buttons.callback_query.register(lambda c: "day", Day.filter())
    form.message.register(lambda m: "cancel", Command("cancel"), StateFilter(Ask))
    form.message.register(lambda m: "answer", Ask.text, F.text)
    photos.message.register(lambda m: "photo", F.photo)
    fallback.message.register(lambda m: "fallback")
    fallback.callback_query.register(lambda c: "stale")
    dispatcher.include_routers(links, commands, buttons, form, photos, fallback)
    dispatcher.index_routes()
    return dispatcher


def _user() -> User:
    return User(id=7, is_bot=False, first_name="Aylar")


def _message(text: str) -> Update:
    chat = Chat(id=7, type="private")
    sent = dt.datetime(2025, 9, 5, tzinfo=dt.UTC)
    return Update(
        update_id=1,
        message=Message(message_id=1, date=sent, chat=chat, from_user=_user(), text=text),
    )


def _press(data: str) -> Update:
    return Update(
        update_id=2,
        callback_query=CallbackQuery(id="q", from_user=_user(), chat_instance="7", data=data),
    )


@pytest.mark.parametrize(
    ("update", "handler", "routers"),
    [
        (_message("/start"), "start", ["commands"]),  # a bare /start skips the deep links
        (_message("/start invite_abc"), "linked", ["links"]),
        (_message("/AGENDA now"), "agenda", ["commands"]),
        (_message("hello"), "fallback", ["photos", "fallback"]),
        (_message("/unknown"), "fallback", ["photos", "fallback"]),
        (_press(Day(n=1).pack()), "day", ["buttons"]),
        (_press(Other(n=1).pack()), "stale", ["fallback"]),
        (_press("forged-without-separator"), "stale", ["fallback"]),
    ],
)
async def test_an_update_enters_only_routers_that_could_take_it(
    update: Update, handler: str, routers: list[str]
) -> None:
    dispatcher = _dispatcher()
    entered.clear()
    async with Bot(TOKEN) as bot:
        assert await dispatcher.feed_update(bot, update) == handler
    assert entered == routers


async def test_a_form_step_is_offered_to_its_form_in_that_state_only() -> None:
    dispatcher = _dispatcher()
    async with Bot(TOKEN) as bot:
        state = dispatcher.fsm.get_context(bot, chat_id=7, user_id=7)
        await state.set_state(Ask.text)
        entered.clear()
        assert await dispatcher.feed_update(bot, _message("my question")) == "answer"
        assert entered == ["form"]
        entered.clear()
        assert await dispatcher.feed_update(bot, _message("/cancel")) == "cancel"
        assert entered == ["form"]
        await state.clear()
        entered.clear()
        assert await dispatcher.feed_update(bot, _message("/cancel")) == "fallback"
        assert entered == ["form", "photos", "fallback"]  # /cancel is offered; the state refuses


async def test_routers_included_after_indexing_are_all_offered() -> None:
    dispatcher = _dispatcher()
    late = _router("late")
    late.message.register(lambda m: "late", Command("late"))
    dispatcher.include_router(late)
    entered.clear()
    async with Bot(TOKEN) as bot:
        assert await dispatcher.feed_update(bot, _message("/late")) == "fallback"
    assert entered == ["links", "commands", "buttons", "form", "photos", "fallback"]


def test_the_bots_routers_a_button_and_a_command_are_offered_to() -> None:
    """On the bot's own routers: an /agenda or a day button reaches the agenda router and
    the fallback, and few others (aiogram alone offered them to most of the 30-odd)."""
    dispatcher = IndexedDispatcher()
    dispatcher.include_routers(*bot_routers())
    dispatcher.index_routes()
    names = [router.name for router in dispatcher.sub_routers]
    command = _message("/agenda").message
    button = _press(AgendaCb(view=AgendaView.DAY, day="2025-09-05").pack()).callback_query
    assert command is not None
    assert button is not None
    for update_type, event in (("message", command), ("callback_query", button)):
        offered = [r.name for r in dispatcher.offered(update_type, event, state=None)]
        assert "agenda" in offered
        assert offered[-1] == "fallback"
        assert len(offered) <= len(names) // 3, offered
