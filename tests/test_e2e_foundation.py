"""The bot end to end: real Dispatcher and polling against the fake Bot API over HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx import Document  # noqa: F401  (imported to prove the dependency installs)
from icalendar import Calendar

from bot.agenda.service import AgendaService
from bot.app import App
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI

Message = dict[str, Any]


def buttons(message: Message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


def button_starting(message: Message, prefix: str) -> str:
    found = [text for text in buttons(message) if text.startswith(prefix)]
    assert found, f"no button starting with {prefix!r} in {buttons(message)}"
    return found[0]


async def test_start_greets_in_russian_with_a_menu(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(1001, first_name="Айна", language_code="ru")
    await user.send("/start")
    reply = await user.receive()
    assert reply["text"].startswith("Здравствуйте, Айна!")
    assert "Ашхабад" in reply["text"]
    assert {"📅 Программа", "⏱ Сейчас", "🌍 Делегации", "📝 Итоги дня"} <= set(buttons(reply))


async def test_start_speaks_english_to_an_english_telegram(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(1002, first_name="Kate <b>", language_code="en")
    await user.send("/start")
    reply = await user.receive()
    assert reply["text"].startswith("Hello, Kate <b>!")  # escaped, so shown as typed
    assert "📅 Programme" in buttons(reply)


async def test_command_menu_exists_in_both_languages(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(1003)
    await user.send("/help")
    await user.receive()
    menus = {
        call.params.get("language_code"): [c["command"] for c in call.params["commands"]]
        for call in fake.calls_to("setMyCommands")
    }
    assert set(menus) >= {"ru", "en", None}
    assert (
        menus["ru"]
        == menus["en"]
        == [
            "start",
            "agenda",
            "now",
            "delegations",
            "venue",
            "summary",
            "press",
            "releases",
            "advisory",
            "quotes",
            "ask",
            "requests",
            "reminders",
            "privacy",
            "mydata",
            "forget",
            "help",
        ]
    )
    descriptions = {
        call.params.get("language_code"): call.params["commands"][1]["description"]
        for call in fake.calls_to("setMyCommands")
    }
    assert descriptions["ru"] == "Программа по дням"
    assert descriptions["en"] == "Programme by day"


async def test_language_switch_is_remembered(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(1004, language_code="ru")
    await user.send("/start")
    menu = await user.receive()
    await user.press(menu, "🇬🇧 English")
    switched = await user.receive()
    assert switched["message_id"] == menu["message_id"], "the menu is edited, not re-sent"
    assert switched["text"].startswith("Hello")
    await user.send("/agenda")
    agenda = await user.receive()
    assert agenda["text"].startswith("Programme")
    scoped = [c for c in fake.calls_to("setMyCommands") if c.params.get("scope")]
    assert scoped[-1].params["commands"][0]["description"] == "Main menu"


async def test_agenda_day_session_and_back_in_one_message(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(1005, language_code="ru")
    await user.send("/agenda")
    days = await user.receive()
    assert days["text"].startswith("Программа")
    await user.press(days, button_starting(days, "Пт, 5 сентября"))
    day = await user.receive()
    assert day["message_id"] == days["message_id"]
    assert "ашхабадское время, UTC+5" in day["text"]
    assert "10:00" in day["text"]
    await user.press(day, button_starting(day, "10:00"))
    detail = await user.receive()
    assert detail["message_id"] == days["message_id"]
    assert "Марал Ачилова" in detail["text"]
    assert "конференц-зал" in detail["text"].lower()
    assert "Время предварительное" in detail["text"]
    await user.press(detail, "« Назад к дню")
    back = await user.receive()
    assert back["text"] == day["text"]
    await user.press(back, "« Дни")
    assert (await user.receive())["text"] == days["text"]


async def test_sessions_already_over_are_marked(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    clock.set(local(5, 23))
    user = fake.user(1006, language_code="en")
    await user.send("/agenda")
    days = await user.receive()
    await user.press(days, button_starting(days, "Fri, 5 September"))
    day = await user.receive()
    assert day["text"].count("✓ over") == len([b for b in buttons(day) if b[:2].isdigit()])
    await user.press(day, "« Days")
    await user.receive()
    await user.press(days, button_starting(days, "Sat, 6 September"))
    saturday = await user.receive()
    assert "✓ over" not in saturday["text"]


async def test_calendar_file_for_a_session_and_the_programme(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(1007, language_code="en")
    await user.send("/agenda")
    days = await user.receive()
    await user.press(days, "🗓 Whole programme (.ics)")
    whole = await user.receive()
    assert whole["document"]["file_name"] == "programme.ics"
    calendar = Calendar.from_ical(fake.files[whole["document"]["file_id"]])
    events = calendar.walk("VEVENT")
    sessions = await AgendaService(app.store, ManualClock(local(5, 9))).programme()
    assert len(events) == len(sessions)
    assert events[0].decoded("DTSTART") == sessions[0].starts_at
    assert str(events[0]["DTSTART"].params["TZID"]) == "Asia/Ashgabat"

    await user.press(days, button_starting(days, "Fri"))
    day = await user.receive()
    await user.press(day, button_starting(day, "10:00"))
    detail = await user.receive()
    await user.press(detail, "🗓 Add to calendar")
    single = await user.receive()
    one = Calendar.from_ical(fake.files[single["document"]["file_id"]]).walk("VEVENT")
    assert [str(e["UID"]) for e in one] == [str(events[0]["UID"])]


async def test_now_before_during_between_and_after(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    user = fake.user(1008, language_code="en")
    clock.set(local(4, 12))
    await user.send("/now")
    assert "The meeting starts on Friday, 5 September at 10:00" in (await user.receive())["text"]

    clock.set(local(5, 10, 5))
    await user.send("/now")
    during = await user.receive()
    assert during["text"].startswith("Now\n10:00")
    assert "Next" in during["text"]
    assert "Ashgabat time, UTC+5" in during["text"]

    clock.set(local(5, 23))
    await user.send("/now")
    night = await user.receive()
    assert night["text"].startswith("Nothing is on right now.")
    assert "Saturday, 6 September" in night["text"]

    clock.set(local(7, 9))
    await user.send("/now")
    assert (await user.receive())["text"].startswith("The meeting has ended.")


async def test_delegations_list_detail_and_international_bodies(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(1009, language_code="ru")
    await user.send("/delegations")
    first = await user.receive()
    assert first["text"].startswith("Участники (11)")
    assert "Национальные общества" in first["text"]
    assert "онлайн" in first["text"]  # Kazakhstan
    await user.press(first, "›")
    second = await user.receive()
    assert "Наблюдатели" in second["text"]
    assert "Международные организации" in second["text"]
    assert "наблюдатель" in second["text"]
    ifrc = button_starting(second, "Международная Федерация")
    await user.press(second, ifrc)
    detail = await user.receive()
    assert "Кейт Форбс" in detail["text"]
    assert "онлайн" in detail["text"]
    await user.press(detail, "« Все делегации")
    assert (await user.receive())["text"] == second["text"]
    assert all(len(m.get("text", "")) <= 4096 for m in fake.chat_messages(1009))


async def test_turkmen_delegation_names_its_head(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(1010, language_code="en")
    await user.send("/delegations")
    listing = await user.receive()
    await user.press(listing, button_starting(listing, "Red Crescent Society of Turkmenistan"))
    detail = await user.receive()
    assert "Head: Maral Achilova" in detail["text"]


async def test_summary_of_day_one_and_day_two_not_yet(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(1011, language_code="ru")
    await user.send("/summary")
    days = await user.receive()
    await user.press(days, button_starting(days, "Пт, 5 сентября"))
    summary = await user.receive()
    assert "Ачилова" in summary["text"]
    assert "Арчабиль" in summary["text"]
    await user.press(summary, "« Дни")
    days_again = await user.receive()
    await user.press(days_again, button_starting(days_again, "Сб, 6 сентября"))
    assert "ещё не опубликованы" in (await user.receive())["text"]


async def test_unknown_command_and_free_text_point_to_the_menu(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(1012, language_code="en")
    await user.send("/frobnicate now")
    unknown = await user.receive()
    assert unknown["text"].startswith("I don't know the command /frobnicate.")
    assert "📅 Programme" in buttons(unknown)
    await user.send("<script>hello & bye")
    free = await user.receive()
    assert free["text"].startswith("I answer commands and buttons.")


async def test_forged_and_stale_buttons_get_a_clear_answer(fake: FakeBotAPI, app: App) -> None:
    user = fake.user(1013, language_code="en")
    await user.send("/agenda")
    days = await user.receive()
    for data, expected in [
        ("ag:s::999999:0", "This session is no longer in the programme."),
        ("ag:day:20300101::0", "This day is not in the programme."),
        ("ag:day:garbage::0", "This day is not in the programme."),
        ("dl:one:0:424242", "This delegation is no longer on the list."),
        ("zz:whatever", "This button is out of date."),
        ("ag:s::notanumber:0", "This button is out of date."),
    ]:
        query = await user.press(days, data=data)
        answer = await user.wait_answer(query)
        assert answer.get("show_alert") is True
        assert answer["text"].startswith(expected), data
    await user.expect_nothing()
    assert fake.chat_messages(1013)[-1]["text"] == days["text"], "nothing was changed"


async def test_a_failing_handler_apologises_and_the_bot_goes_on(
    fake: FakeBotAPI, app: App, monkeypatch: Any
) -> None:
    async def broken(self: AgendaService) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(AgendaService, "now_and_next", broken)
    user = fake.user(1014, language_code="en")
    await user.send("/now")
    assert (await user.receive())["text"].startswith("Sorry, something went wrong")
    other = fake.user(1015, language_code="en")
    await other.send("/start")
    assert (await other.receive())["text"].startswith("Hello")


async def test_times_are_shown_in_the_event_zone_whatever_the_clock_zone(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    clock.set(dt.datetime(2025, 9, 5, 5, 5, tzinfo=dt.UTC))  # 10:05 in Ashgabat
    user = fake.user(1016, language_code="en")
    await user.send("/now")
    assert (await user.receive())["text"].startswith("Now\n10:00")


async def test_session_detail_names_speakers_roles_and_organisations(
    fake: FakeBotAPI, app: App
) -> None:
    user = fake.user(1017, language_code="en")
    await user.send("/agenda")
    days = await user.receive()
    await user.press(days, button_starting(days, "Fri"))
    day = await user.receive()
    await user.press(day, button_starting(day, "10:30"))
    detail = await user.receive()
    assert "Kate Forbes — President of the International Federation" in detail["text"]
    assert "(online)" in detail["text"]
    assert (
        "Biljana Milošević — Head of the ICRC Regional Delegation for Central Asia"
        " · International Committee of the Red Cross (ICRC)" in detail["text"]
    )


async def test_language_toast_is_in_the_new_language_and_a_forged_one_changes_nothing(
    fake: FakeBotAPI, app: App
) -> None:
    user = fake.user(1018, language_code="en")
    await user.send("/start")
    menu = await user.receive()
    answer = await user.wait_answer(await user.press(menu, "🇷🇺 Русский"))
    assert answer["text"] == "Язык: русский"
    switched = await user.receive()
    forged = await user.wait_answer(await user.press(switched, data="lang:de"))
    assert forged["show_alert"] is True
    assert forged["text"].startswith("Эта кнопка устарела.")
    await user.expect_nothing()
    await user.send("/help")
    assert (await user.receive())["text"].startswith("Что я умею"), "still Russian"


async def test_a_failing_button_apologises_in_an_alert(
    fake: FakeBotAPI, app: App, monkeypatch: Any
) -> None:
    """The callback answerer leaves a failed handler's query to the error handler."""

    async def broken(self: AgendaService) -> None:
        raise RuntimeError("database on fire")

    user = fake.user(1019, language_code="en")
    await user.send("/start")
    menu = await user.receive()
    monkeypatch.setattr(AgendaService, "days", broken)
    answer = await user.wait_answer(await user.press(menu, "📅 Programme"))
    assert answer.get("show_alert") is True
    assert answer["text"].startswith("Sorry, something went wrong")
