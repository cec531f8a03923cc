"""Offer a message or a button only to the routers that could take it.

aiogram offers each update to the routers in turn: every router it passes costs a wrap of
its middlewares and a check of each handler's filters, and an update passes most of the
bot's 32 routers before the fallback's. Yet a handler usually needs one command, one
button prefix or one form state, all known once the routers are included. The
``RoutingIndex`` records, per top-level router, what its handlers need; the Dispatcher
then skips a router none of whose handlers could take the update. A handler needing
anything else (a magic filter alone, no filter) keeps its router offered everything, so
the index only ever skips routers whose filters would all refuse: the handler chosen is
aiogram's own; a bare /start skips the routers that need a deep link's payload.
bench/throughput.py: routers entered per update (the Dispatcher's own included) 10.4 → 2.9,
and 2.0 once a bare /start skipped the deep-link routers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from inspect import isclass
from typing import Any

from aiogram import Dispatcher, Router
from aiogram.dispatcher.event.bases import REJECTED, UNHANDLED
from aiogram.dispatcher.event.handler import FilterObject, HandlerObject
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.filters.state import StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message, TelegramObject

INDEXED = ("message", "callback_query")
SEPARATOR = ":"  # aiogram's CallbackData separator, the one every button of the bot uses


@dataclass
class Reach:
    """What a router's handlers (its sub-routers' included) can take of one update type."""

    everything: bool = False
    commands: set[str] = field(default_factory=set)
    linked: set[str] = field(default_factory=set)
    """Commands taken only with a deep link's payload (``CommandStart(deep_link=True)``):
    a bare /start skips the invite and share-card routers."""
    prefixes: set[str] = field(default_factory=set)
    states: set[str | None] = field(default_factory=set)

    def takes(self, key: Key, state: str | None) -> bool:
        return (
            self.everything
            or (key.command is not None and key.command in self.commands)
            or (key.linked and key.command in self.linked)
            or (key.prefix is not None and key.prefix in self.prefixes)
            or state in self.states
        )

    def add(self, handler: HandlerObject) -> None:
        """Record the first filter of ``handler`` that names what it needs; a handler
        with none of them could take anything."""
        for filter_object in handler.filters or ():
            if self._needs(filter_object):
                return
        self.everything = True

    def _needs(self, filter_object: FilterObject) -> bool:
        check = filter_object.callback
        if isinstance(check, Command):
            return self._commands(check)
        if isinstance(check, CallbackQueryFilter):
            if check.callback_data.__separator__ != SEPARATOR:
                return False
            self.prefixes.add(check.callback_data.__prefix__)
            return True
        if isinstance(check, State):
            return self._states((check,))
        if isinstance(check, StateFilter):
            return self._states(check.states)
        return False

    def _commands(self, command: Command) -> bool:
        if command.prefix != "/" or any(isinstance(c, re.Pattern) for c in command.commands):
            return False
        names = self.linked if getattr(command, "deep_link", None) is True else self.commands
        names.update(str(c).casefold() for c in command.commands)
        return True

    def _states(self, states: Iterable[Any]) -> bool:
        names: set[str | None] = set()
        for state in states:
            if isinstance(state, State):
                state = state.state
            elif isinstance(state, StatesGroup):
                names.update(type(state).__all_states_names__)
                continue
            elif isclass(state) and issubclass(state, StatesGroup):
                names.update(state.__all_states_names__)
                continue
            if state == "*" or not (state is None or isinstance(state, str)):
                return False
            names.add(state)
        self.states.update(names)
        return True


def reach_of(router: Router, update_type: str) -> Reach:
    reach = Reach()
    for each in router.chain_tail:
        for handler in each.observers[update_type].handlers:
            reach.add(handler)
    return reach


@dataclass(frozen=True, slots=True)
class Key:
    """What of an update the index looks at."""

    command: str | None = None
    """The command a message names, case-folded."""
    linked: bool = False
    """The command came with a payload (``/start <payload>``)."""
    prefix: str | None = None
    """The prefix of a button's data."""


NO_KEY = Key()


def keys(event: TelegramObject) -> Key:
    if isinstance(event, Message):
        text = event.text or event.caption
        if text and text[0] == "/":
            parts = text.split(maxsplit=1)
            return Key(parts[0][1:].partition("@")[0].casefold(), linked=len(parts) > 1)
        return NO_KEY
    if isinstance(event, CallbackQuery) and event.data:
        return Key(prefix=event.data.partition(SEPARATOR)[0])
    return NO_KEY


class IndexedDispatcher(Dispatcher):
    """aiogram's Dispatcher, offering messages and buttons only to routers that could
    take them. ``index_routes()`` once the routers are included."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._reach: dict[str, list[tuple[Router, Reach]]] = {}

    def index_routes(self) -> None:
        self._reach = {
            update_type: [(router, reach_of(router, update_type)) for router in self.sub_routers]
            for update_type in INDEXED
        }

    def offered(
        self, update_type: str, event: TelegramObject, state: str | None
    ) -> Iterator[Router]:
        routers = self._reach.get(update_type)
        if routers is None or len(routers) != len(self.sub_routers):
            yield from self.sub_routers  # not indexed (or routers included since)
            return
        key = keys(event)
        for router, reach in routers:
            if reach.takes(key, state):
                yield router

    async def _propagate_event(
        self,
        observer: TelegramEventObserver | None,
        update_type: str,
        event: TelegramObject,
        **kwargs: Any,
    ) -> Any:
        """aiogram's ``Router._propagate_event`` with ``offered`` for ``sub_routers``."""
        if update_type not in self._reach:
            return await super()._propagate_event(observer, update_type, event, **kwargs)
        if observer:
            passed, data = await observer.check_root_filters(event, **kwargs)
            if not passed:
                return UNHANDLED
            kwargs.update(data)
            response = await observer.trigger(event, **kwargs)
            if response is REJECTED:
                return UNHANDLED
            if response is not UNHANDLED:
                return response
        for router in self.offered(update_type, event, kwargs.get("raw_state")):
            response = await router.propagate_event(update_type=update_type, event=event, **kwargs)
            if response is not UNHANDLED:
                return response
        return UNHANDLED
