"""A cancelled session restored in chat comes back to those who followed it (issue 11):
told it is back, in their language, listed in /reminders again and reminded at start −
lead; whoever pressed «Don't remind me» under the cancellation notice is left alone."""

from __future__ import annotations

from bot.app import App
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import ORGANISER, change_menu, press, rest, send
from tests.test_e2e_foundation import buttons
from tests.test_reminders import subscribe, tick

VOLUNTEERS = {
    "en": "Strengthening the potential of the volunteer movement",
    "ru": "Усиление потенциала волонтёрского движения",
}


async def test_a_restored_session_is_followed_again_told_listed_and_reminded(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    clock.set(local(6, 10, 30))  # Saturday, its first session on: no offer of the day
    english = fake.user(5601, language_code="en")
    russian = fake.user(5602, language_code="ru")
    leaver = fake.user(5603, language_code="en")
    await subscribe(english, "Sat", "14:00", "🔔 Remind me")
    await subscribe(russian, "Сб", "14:00", "🔔 Напомнить")
    await subscribe(leaver, "Sat", "14:00", "🔔 Remind me")
    organiser = fake.user(ORGANISER, language_code="en")

    menu = await change_menu(organiser, "Sat", "14:00")
    preview = await press(organiser, menu, "❌ Cancel the session")
    result = await press(organiser, preview, "✅ Confirm")
    await rest(app, clock)
    cancelled = await english.receive()
    assert cancelled["text"].startswith(f"❌ Cancelled: {VOLUNTEERS['en']}")
    assert "Should it come back, I will tell you and remind you of it again" in cancelled["text"]
    assert buttons(cancelled) == ["🔕 Don't remind me"]
    cancelled = await russian.receive()
    assert cancelled["text"].startswith(f"❌ Отменено: {VOLUNTEERS['ru']}")
    assert "Если его вернут в программу, я сообщу вам" in cancelled["text"]
    assert buttons(cancelled) == ["🔕 Не напоминать"]
    notice = await leaver.receive()
    query = await leaver.press(notice, "🔕 Don't remind me")
    assert (await leaver.wait_answer(query))["text"] == "Reminder removed."
    assert buttons(await leaver.receive()) == ["🔔 Remind me"]
    assert "You follow no sessions yet" in (await send(english, "/reminders"))["text"]

    preview = await press(organiser, result, "♻️ Restore")
    assert (
        "Who will be told: 2 people who followed it get it back in their reminders; "
        "0 more follow the whole day and get it as new."
    ) in preview["text"]
    await press(organiser, preview, "✅ Confirm")
    await rest(app, clock)
    back = await english.receive()
    assert back["text"].startswith(f"♻️ Back in the programme: {VOLUNTEERS['en']}")
    assert "Saturday, 6 September, 14:00–16:30" in back["text"]
    assert back["text"].endswith("It was cancelled and is on again; it is back in your reminders.")
    assert buttons(back) == ["Session details"]
    back = await russian.receive()
    assert back["text"].startswith(f"♻️ Снова в программе: {VOLUNTEERS['ru']}")
    assert back["text"].endswith("напоминание о нём восстановлено.")
    await leaver.expect_nothing(0.2)

    listing = (await send(english, "/reminders"))["text"]
    assert "14:00" in listing
    assert VOLUNTEERS["en"] in listing
    assert VOLUNTEERS["ru"] in (await send(russian, "/reminders"))["text"]
    assert "You follow no sessions yet" in (await send(leaver, "/reminders"))["text"]

    clock.set(local(6, 13, 44))
    await tick(app)
    await english.expect_nothing(0.2)
    clock.set(local(6, 13, 45))
    await tick(app)
    reminder = await english.receive()
    assert reminder["text"].startswith(f"🔔 {VOLUNTEERS['en']} starts in 15 min.")
    reminder = await russian.receive()
    assert reminder["text"].startswith(f"🔔 {VOLUNTEERS['ru']} начнётся через 15 мин.")
    await leaver.expect_nothing(0.2)
