"""Interview requests end to end over the fake Bot API: a journalist asks, the press office
confirms, proposes or declines, both sides hear the result and get the .ics."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from icalendar import Calendar

from bot.app import App
from bot.config import Settings
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI, FakeUser
from tests.test_e2e_broadcasts import until
from tests.test_e2e_press import accredited, buttons, organiser, refused, say

Message = dict[str, Any]
TOPIC = "The Red Crescent's work with young volunteers"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """No 1 s pause between two notices to one chat."""
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


def starting(prefix: str) -> Any:
    return lambda message: (message.get("text") or "").startswith(prefix)


async def request_interview(user: FakeUser, person: str, topic: str, times: str) -> Message:
    """/interview → person → topic → times; returns the bot's last answer."""
    step1 = await say(user, "/interview")
    await user.press(step1, person)
    await user.receive()
    await say(user, topic)
    return await say(user, times)


async def test_a_request_confirmed_reaches_both_sides_with_the_ics(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    reader = await accredited(app, fake, 2301, "ru")
    menu = await say(reader, "/press")
    await reader.press(menu, "🎙 Интервью")
    home = await reader.receive()
    assert home["text"].startswith("Интервью\nКто даёт интервью на встрече:")
    assert "Марал Ачилова, председатель" in home["text"]
    assert "Языки: туркменский, русский (пример)" in home["text"]
    assert "Кейт Форбс" not in home["text"], "not marked as giving interviews"
    await reader.press(home, "🎙 Запросить интервью")
    step1 = await reader.receive()
    assert step1["text"].startswith("Запрос интервью, шаг 1 из 3.")
    assert "«(пример)»: с человеком ещё не согласовано" in step1["text"]
    await reader.press(step1, "Марал Ачилова")
    step2 = await reader.receive()
    assert step2["text"] == "Шаг 2 из 3. Тема интервью (Марал Ачилова; от 10 до 500 символов)?"
    assert "Слишком коротко" in (await say(reader, "Тема"))["text"]
    assert "Слишком длинно: не больше 500 символов" in (await say(reader, "т" * 501))["text"]
    step3 = await say(reader, TOPIC)
    assert step3["text"].startswith("Шаг 3 из 3. Когда вам удобно? До 3 вариантов")
    assert "Каждое время должно быть впереди" in (await say(reader, "10.09 10:00"))["text"]
    assert "Каждое время должно быть впереди" in (await say(reader, "05.09 08:00"))["text"]
    four = "05.09 10:00, 05.09 11:00, 05.09 12:00, 05.09 13:00"
    assert (await say(reader, four))["text"] == "Не больше 3 вариантов, пожалуйста."
    assert "ДД.ММ ЧЧ:ММ" in (await say(reader, "завтра утром"))["text"]
    done = await say(reader, "06.09 11:30; 05.09 15:00")
    assert done["text"].startswith("Ваш запрос интервью № 1 передан пресс-службе")

    card = await office.receive()
    assert card["text"].startswith("📨 New interview request\n\n🎙 Interview request No. 1 · new")
    assert "From: Journalist Name, Newsroom" in card["text"]
    assert "With: Maral Achilova" in card["text"]
    assert "1. 5 September, 15:00 (Ashgabat time, UTC+5)" in card["text"]
    assert buttons(card) == [
        "✅ 1. 05.09 15:00",
        "✅ 2. 06.09 11:30",
        "🕑 Propose another time",
        "✖ Decline",
        "« Interview requests",
    ]
    query = await office.press(card, "✅ 2. 06.09 11:30")
    answer = await office.wait_answer(query)
    assert answer["text"] == "Confirmed: the journalist and the press office are told."
    decided = await until(office, lambda m: m["message_id"] == card["message_id"])
    assert "✅ Confirmed: 6 September, 11:30 (Ashgabat time, UTC+5), 30 minutes" in decided["text"]
    assert buttons(decided) == ["« Interview requests"]
    told = await until(office, starting("✅ Interview confirmed (request No. 1)"))
    assert buttons(told) == ["📅 Add to calendar (.ics)"]
    stale = await refused(
        office, card, card["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    )
    assert stale == "This interview request has already been decided."

    result = await reader.receive()
    assert result["text"].startswith("✅ Интервью подтверждено (запрос № 1)")
    assert "Когда: 6 сентября, 11:30 (ашхабадское время, UTC+5), 30 минут" in result["text"]
    await reader.press(result, "📅 В календарь (.ics)")
    ics = await reader.receive()
    assert ics["document"]["file_name"] == "interview-1.ics"
    entry = next(iter(Calendar.from_ical(fake.files[ics["document"]["file_id"]]).walk("VEVENT")))
    assert str(entry["SUMMARY"]) == "Интервью: Марал Ачилова"
    assert entry["UID"] == "20250905-interview-1@event-desk"
    assert entry["DTSTART"].params["TZID"] == "Asia/Ashgabat"
    assert entry["DTSTART"].dt == local(6, 11, 30)
    assert entry["DTEND"].dt - entry["DTSTART"].dt == dt.timedelta(minutes=30)


async def test_a_proposed_time_is_accepted_and_a_request_declined(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    reader = await accredited(app, fake, 2302, "en")
    answered = await request_interview(reader, "Biljana Milošević", TOPIC, "05.09 15:00")
    assert answered["text"].startswith("Your interview request No. 1 is with the press office")
    card = await office.receive()
    await office.press(card, "🕑 Propose another time")
    asked = await office.receive()
    assert asked["text"].startswith("Which time do you propose for interview request No. 1?")
    assert (await say(office, "07.09 10:00"))[
        "text"
    ] == "That time is past or not within the meeting."
    proposed = await say(office, "06.09 16:00")
    assert proposed["text"].startswith("The time is proposed; the journalist will accept")
    first = await reader.receive()
    assert first["text"] == (
        "🕑 The press office proposes another time for your interview with Biljana Milošević "
        "(request No. 1): 6 September, 16:00 (Ashgabat time, UTC+5), 30 minutes. Does it suit you?"
    )
    await office.press(card, "🕑 Propose another time")
    await office.receive()
    await say(office, "06.09 17:00")
    second = await reader.receive()
    assert "6 September, 17:00" in second["text"]
    assert (
        await refused(
            reader, first, first["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        )
    ) == ("This button is out of date. Send /start for a fresh menu.")
    await reader.press(second, "✅ Accept")
    accepted = await reader.receive()
    assert accepted["text"] == "✅ Accepted: the interview is confirmed; the details follow."
    confirmed = await reader.receive()
    assert confirmed["text"].startswith("✅ Interview confirmed (request No. 1)")
    assert "When: 6 September, 17:00" in confirmed["text"]
    assert (await until(office, starting("✅ Interview confirmed (request No. 1)")))["text"]

    await request_interview(reader, "Shaban Shaev", TOPIC, "06.09 10:00")
    card = await until(office, starting("📨 New interview request"))
    await office.press(card, "✖ Decline")
    assert "Why is interview request No. 2 declined?" in (await office.receive())["text"]
    assert "Too short" in (await say(office, "no"))["text"]
    declined = await say(office, "The schedule is full on the second day.")
    assert declined["text"] == "Interview request No. 2 was declined; the journalist was told."
    told = await reader.receive()
    assert told["text"] == (
        "Interview request No. 2 (Journalist Name, Newsroom with Shaban Shaev) was declined. "
        "Reason: The schedule is full on the second day."
    )
    home = await say(reader, "/interviews")
    await reader.press(home, "📋 My interview requests")
    mine = await reader.receive()
    assert mine["text"].startswith("My interview requests\n\nNo. 2 · Shaban Shaev · declined")
    assert "No. 1 · Biljana Milošević · confirmed" in mine["text"]
    assert buttons(mine) == ["📅 No. 1 (.ics)", "« Interviews"]
    # The office's copy of the «declined» notice goes through the outbox and may arrive
    # before or after this answer: wait for the answer itself.
    await office.send("/interviews")
    queue = await until(office, starting("Interview requests waiting"))
    assert queue["text"] == "Interview requests waiting: 0"


async def test_only_journalists_ask_and_only_organisers_decide(fake: FakeBotAPI, app: App) -> None:
    office = await organiser(fake)
    reader = await accredited(app, fake, 2303, "en")
    other = await accredited(app, fake, 2304, "en")
    guest = fake.user(2305, language_code="en")
    only_press = "Only accredited journalists can do this. Apply in /press."
    assert (await say(guest, "/interview"))["text"] == only_press
    assert (await say(guest, "/interviews"))["text"] == only_press
    guest_menu = await say(guest, "/press")
    assert "🎙 Interviews" not in buttons(guest_menu)
    assert (await refused(guest, guest_menu, "ivp:maral-achilova")) == only_press
    assert (await refused(guest, guest_menu, "iv:a:0")) == only_press

    step1 = await say(reader, "/interview")
    assert (await refused(reader, step1, "ivp:nobody")) == (
        "This person no longer gives interviews here."
    )
    await reader.press(step1, "Maral Achilova")
    await reader.receive()
    await say(reader, TOPIC)
    await say(reader, "05.09 15:00")
    card = await office.receive()

    only_organisers = "Only the organisers can do this."
    for forged in ("ivd:c:1:0", "ivd:o:1:0", "ivd:p:1:0", "iv:q:0"):
        assert (await refused(reader, step1, forged)) == only_organisers
    out_of_date = "This button is out of date. Send /start for a fresh menu."
    huge = "9" * 25
    for forged in (f"ivd:o:{huge}:0", f"ivc:{huge}", f"ivr:{huge}:0:1", "ivd:c:1:" + huge):
        assert (await refused(office, card, forged)) == out_of_date
    assert (await refused(office, card, "ivd:o:77:0")) == "This interview request does not exist."
    assert (await refused(office, card, "ivd:c:1:5")) == out_of_date, "no 6th preferred time"

    await office.press(card, "✅ 1. 05.09 15:00")
    await until(reader, starting("✅ Interview confirmed"))
    assert (await refused(other, step1, "ivc:1")) == (
        "There is no confirmed interview for this button."
    )
    assert (await refused(other, step1, "ivr:1:1:1")) == "This interview request does not exist."
