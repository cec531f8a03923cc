"""The live-change preview names the quiet period as it is: «45 seconds» for 0.75 minutes,
«90 seconds» for 1.5 (not «0 min» and «1 min»), whole minutes from two minutes on."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.config import Settings
from bot.i18n.catalogues import build_i18n, language_scope
from bot.i18n.durations import duration
from tests.clock import ManualClock
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import ORGANISER, change_menu, press, session_id
from tests.test_web_console_programme import BASE, post


@pytest.mark.parametrize(
    ("seconds", "english", "russian"),
    [
        (45, "45 seconds", "45 секунд"),
        (60, "60 seconds", "60 секунд"),
        (90, "90 seconds", "90 секунд"),
        (119, "119 seconds", "119 секунд"),
        (1, "1 second", "1 секунду"),
        (120, "2 minutes", "2 минуты"),
        (180, "3 minutes", "3 минуты"),
        (21 * 60, "21 minutes", "21 минуту"),
        (5 * 60 + 20, "5 minutes", "5 минут"),
    ],
)
def test_a_period_under_two_minutes_is_said_in_seconds(
    seconds: float, english: str, russian: str
) -> None:
    scope = language_scope(build_i18n("ru"))
    with scope("en"):
        assert duration(seconds) == english
    with scope("ru"):
        assert duration(seconds) == russian


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"changes_quiet_minutes": 0.75})


async def test_the_chat_preview_says_45_seconds_for_three_quarters_of_a_minute(
    fake: FakeBotAPI, app: App
) -> None:
    organiser = fake.user(ORGANISER, language_code="ru")
    menu = await change_menu(organiser, "Сб", "14:00")
    preview = await press(organiser, menu, "+5 мин")
    assert "когда 45 секунд не будет новых правок" in preview["text"]


async def test_the_console_preview_says_45_seconds_too(
    web: tuple[App, str], clock: ManualClock
) -> None:
    app, base = web
    volunteers = await session_id(app.store, "d2-volunteers")
    form = {"action": "delay", "session": str(volunteers), "revision": "1", "minutes": "5"}
    status, body = await post(base, BASE + "/preview", clock, form)
    assert status == 200
    assert "once the edits have rested for 45 seconds;" in body
