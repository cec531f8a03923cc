"""Our keyboard builder lays buttons out exactly as aiogram's does, and shares only
buttons made of plain text fields."""

from __future__ import annotations

import pytest
from aiogram.types import InlineKeyboardButton, WebAppInfo
from aiogram.utils import keyboard

from bot.telegram.keyboard import InlineKeyboardBuilder
from handlers.agenda.callbacks import AgendaCb, AgendaView


def _fill(builder: keyboard.InlineKeyboardBuilder) -> list[list[dict[str, object]]]:
    for day in range(11):
        builder.button(text=f"Day {day}", callback_data=AgendaCb(view=AgendaView.DAY, page=day))
    builder.add(InlineKeyboardButton(text="Site", url="https://example.org"))
    builder.row(InlineKeyboardButton(text="A", callback_data="a"), width=1)
    builder.button(text="App", web_app=WebAppInfo(url="https://example.org/app"))
    builder.adjust(3, 2)
    return [
        [button.model_dump(exclude_none=True) for button in row]
        for row in builder.as_markup().inline_keyboard
    ]


def test_the_layout_is_aiograms() -> None:
    assert _fill(InlineKeyboardBuilder()) == _fill(keyboard.InlineKeyboardBuilder())
    ours, theirs = InlineKeyboardBuilder(), keyboard.InlineKeyboardBuilder()
    for builder in (ours, theirs):
        builder.add(*(InlineKeyboardButton(text=str(n), callback_data=str(n)) for n in range(19)))
    assert ours.export() == theirs.export()  # rows of aiogram's max width, 8


def test_plain_buttons_are_shared_and_others_are_not() -> None:
    first, second = InlineKeyboardBuilder(), InlineKeyboardBuilder()
    for builder in (first, second):
        builder.button(text="« Menu", callback_data="menu:home")
        builder.button(text="App", web_app=WebAppInfo(url="https://example.org/app"))
    (menu, app), (menu_again, app_again) = (b.export()[0] for b in (first, second))
    assert menu is menu_again
    assert app is not app_again
    assert app == app_again


def test_button_data_is_packed_as_aiogram_packs_it_and_kept_by_value() -> None:
    from bot.telegram import keyboard as ours

    datas = [
        AgendaCb(view=AgendaView.SESSION, session=7),
        AgendaCb(view=AgendaView.DAY, day="20250906", page=2),
        AgendaCb(view=AgendaView.DAYS),
    ]
    assert [ours.packed(d) for d in datas] == [d.pack() for d in datas]
    again = AgendaCb(view=AgendaView.SESSION, session=7)
    assert ours.packed(again) is ours.packed(datas[0])  # the same value, packed once
    assert ours.packed(AgendaCb(view=AgendaView.SESSION, session=8)) == "ag:s::8:0"


def test_packed_data_is_forgotten_past_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.telegram import keyboard as ours

    monkeypatch.setattr(ours, "PACKED_KEPT", 3)
    monkeypatch.setattr(ours, "_packed", {})
    for session in range(10):
        assert ours.packed(AgendaCb(view=AgendaView.SESSION, session=session)).endswith(
            f":{session}:0"
        )
        assert len(ours._packed) <= 3
