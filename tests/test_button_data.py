"""Button data is parsed once per text, with aiogram's answer every time."""

from __future__ import annotations

import pytest
from aiogram.filters.callback_data import CallbackQueryFilter

from bot.telegram import button_data
from bot.telegram.button_data import ParsedOnce, parse_button_data_once, parsed
from bot.telegram.routing import IndexedDispatcher
from handlers import routers
from handlers.agenda.callbacks import AgendaCb, AgendaView
from handlers.start.menu import MenuCb


def test_a_text_parses_as_aiogram_parses_it_and_once() -> None:
    text = AgendaCb(view=AgendaView.SESSION, session=3).pack()
    first = parsed(AgendaCb, text)
    assert first == AgendaCb.unpack(text)
    assert parsed(AgendaCb, text) is first


@pytest.mark.parametrize(
    "text",
    ["m:home", "ag:nonsense::1:0", "ag:s::99999999999999999999:0", "ag:s::1", "ag", ""],
)
def test_data_of_another_kind_or_forged_does_not_parse(text: str) -> None:
    assert parsed(AgendaCb, text) is None
    assert parsed(AgendaCb, text) is None  # and the refusal is kept too


def test_forged_data_cannot_grow_what_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(button_data, "KEPT", 10)
    monkeypatch.setattr(button_data, "_parsed", {})
    for n in range(100):
        assert parsed(MenuCb, f"m:forged{n}") is None
        assert len(button_data._parsed) <= 10


def test_every_button_filter_of_the_bot_is_swapped() -> None:
    dispatcher = IndexedDispatcher()
    dispatcher.include_routers(*routers())
    assert parse_button_data_once(dispatcher) > 50

    def filters(router: object) -> list[object]:
        found = [
            f.callback
            for handler in router.callback_query.handlers  # type: ignore[attr-defined]
            for f in handler.filters or ()
        ]
        return found + [f for sub in router.sub_routers for f in filters(sub)]  # type: ignore[attr-defined]

    kinds = {type(check) for check in filters(dispatcher)}
    assert ParsedOnce in kinds
    assert CallbackQueryFilter not in kinds
