"""The press centre end to end: journalists, organisers, and everyone else, over the fake API."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document

from bot.app import App
from bot.config import Settings
from bot.press.values import AccreditationForm, AccreditationStatus
from bot.users.values import Role, User
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser
from tests.scheduler import ClockScheduler

Message = dict[str, Any]
ORGANISER = 900001


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """No 1 s pause between two notifications to one chat: tests read several in a row."""
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


def buttons(message: Message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [button["text"] for row in markup.get("inline_keyboard", []) for button in row]


def button_data(message: Message, text: str) -> str:
    markup = message.get("reply_markup") or {}
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if button["text"] == text:
                return str(button["callback_data"])
    raise AssertionError(f"no button {text!r} in {buttons(message)}")


def button_starting(message: Message, prefix: str) -> str:
    found = [text for text in buttons(message) if text.startswith(prefix)]
    assert found, f"no button starting with {prefix!r} in {buttons(message)}"
    return found[0]


async def say(user: FakeUser, text: str) -> Message:
    await user.send(text)
    return await user.receive()


async def refused(user: FakeUser, message: Message, data: str) -> str:
    answer = await user.wait_answer(await user.press(message, data=data))
    assert answer.get("show_alert") is True, answer
    return str(answer["text"])


async def organiser(fake: FakeBotAPI) -> FakeUser:
    """The organiser from the settings, known to the bot and speaking English."""
    user = fake.user(ORGANISER, first_name="Press office", language_code="en")
    await say(user, "/press")
    return user


async def accredited(app: App, fake: FakeBotAPI, user_id: int, language: str = "en") -> FakeUser:
    """A journalist accredited behind the scenes (the full flow has its own test)."""
    user = fake.user(user_id, language_code=language)
    await say(user, "/start")
    form = AccreditationForm("Journalist Name", "Newsroom", "correspondent", "+993 12 345678")
    application = await app.store.accreditations.apply(user_id, form, local(5, 8))
    assert application is not None
    await app.store.accreditations.decide(
        application.id, AccreditationStatus.APPROVED, ORGANISER, local(5, 8)
    )
    await app.store.press_subscribers.subscribe_by_default(user_id)
    return user


def docx_text(fake: FakeBotAPI, message: Message) -> list[str]:
    document = Document(io.BytesIO(fake.files[message["document"]["file_id"]]))
    return [paragraph.text for paragraph in document.paragraphs]


async def test_accreditation_from_application_to_approval(fake: FakeBotAPI, app: App) -> None:
    office = await organiser(fake)
    journalist = fake.user(2001, first_name="Айна", language_code="ru")
    menu = await say(journalist, "/press")
    assert menu["text"].startswith("Пресс-центр")
    await journalist.press(menu, "🪪 Подать заявку на аккредитацию")
    assert "шаг 1 из 4" in (await journalist.receive())["text"]
    assert "Слишком коротко" in (await say(journalist, "А"))["text"]
    assert "Слишком длинно" in (await say(journalist, "Я" * 101))["text"]
    assert "похоже на команду" in (await say(journalist, "/frobnicate"))["text"]
    assert "Шаг 2 из 4" in (await say(journalist, "Айна  Бердыева"))["text"]
    assert "Шаг 3 из 4" in (await say(journalist, "Туркменпортал"))["text"]
    assert "Шаг 4 из 4" in (await say(journalist, "корреспондент"))["text"]
    assert "номер телефона" in (await say(journalist, "позвоните мне"))["text"]
    thanks = await say(journalist, "+993 12 345678")
    assert "заявка передана организаторам" in thanks["text"]

    card = await office.receive()
    assert "Accreditation application No. 1" in card["text"]
    assert "Айна Бердыева" in card["text"]
    assert "Туркменпортал" in card["text"]
    again = await say(journalist, "/press")
    assert "рассматривается" in again["text"]
    assert "🪪 Подать заявку на аккредитацию" not in buttons(again)
    stale_apply = await refused(journalist, again, data="pm:apply")
    assert stale_apply.startswith("Ваша заявка уже рассматривается")
    assert len(await app.store.accreditations.pending()) == 1

    await office.press(card, "✅ Approve")
    decided = await office.receive()
    assert decided["text"].endswith("✅ Approved.")
    assert buttons(decided) == []
    told = await journalist.receive()
    assert told["text"].startswith("✅ Ваша аккредитация одобрена")
    menu = await say(journalist, "/press")
    assert "Вы аккредитованы: Айна Бердыева, Туркменпортал." in menu["text"]
    assert "❓ Запросить цитату" in buttons(menu)


async def test_only_organisers_decide_and_a_stale_decision_changes_nothing(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    journalist = fake.user(2002, language_code="en")
    menu = await say(journalist, "/press")
    await journalist.press(menu, "🪪 Apply for accreditation")
    await journalist.receive()
    for answer in ("John Smith", "Daily News", "editor"):
        await say(journalist, answer)
    await say(journalist, "john@example.org")
    card = await office.receive()

    intruder = fake.user(2003, language_code="en")
    listing = await say(intruder, "/press")
    forged = button_data(card, "✅ Approve")
    assert (await refused(intruder, listing, forged)) == "Only the organisers can do this."
    assert (await refused(intruder, listing, "acc:1:maybe")).startswith("This button is out of")
    assert (await say(intruder, "/applications"))["text"] == "Only the organisers can do this."
    assert (await say(intruder, "/queue"))["text"] == "Only the organisers can do this."
    assert not await app.store.accreditations.is_accredited(2002)

    await office.press(card, "✖ Reject")
    assert (await office.receive())["text"].endswith("✖ Rejected.")
    assert "was not approved" in (await journalist.receive())["text"]
    assert (await refused(office, card, forged)) == "This application has already been decided."
    assert (await refused(office, card, "acc:999:ok")) == "This application does not exist."
    assert not await app.store.accreditations.is_accredited(2002)
    await journalist.expect_nothing()
    assert "🪪 Apply for accreditation" in buttons(await say(journalist, "/press"))


async def test_cancel_at_any_step_saves_nothing(fake: FakeBotAPI, app: App) -> None:
    journalist = fake.user(2004, language_code="en")
    assert (await say(journalist, "/cancel"))["text"] == "There is nothing to cancel."
    menu = await say(journalist, "/press")
    await journalist.press(menu, "🪪 Apply for accreditation")
    await journalist.receive()
    await say(journalist, "Jane Doe")
    assert (await say(journalist, "/cancel"))["text"].startswith("Cancelled. Nothing was saved.")
    assert (await say(journalist, "Daily News"))["text"].startswith("I answer commands")
    assert await app.store.accreditations.latest_for(2004) is None


async def test_a_release_reaches_accredited_journalists_and_no_one_else(
    fake: FakeBotAPI, app: App
) -> None:
    office = await organiser(fake)
    journalist = await accredited(app, fake, 2010)
    bystander = fake.user(2011, language_code="en")
    await say(bystander, "/start")

    assert "step 1 of 4" in (await say(office, "/publish"))["text"]
    assert "Too short" in (await say(office, "Hi"))["text"]
    assert "Step 2 of 4" in (await say(office, "Итоги первого дня встречи"))["text"]
    languages = await say(office, "Ашхабад, 5 сентября. Встреча открылась в отеле «Арчабиль».")
    await office.press(languages, "Publish in one language")
    embargo_step = await office.receive()
    assert "Embargo" in embargo_step["text"]
    await office.press(embargo_step, "No embargo")
    assert (await office.receive())["text"].startswith("Preview")
    preview = await office.receive()
    assert "Итоги первого дня встречи" in preview["text"]
    await office.press(preview, "✅ Publish")
    assert (await office.receive())["text"].startswith("✅ Published.")
    stale = await refused(office, preview, button_data(preview, "✅ Publish"))
    assert stale.startswith("This draft is no longer open")

    notice = await journalist.receive()
    assert notice["text"].startswith("📰 New press release")
    assert "Итоги первого дня встречи" in notice["text"]
    await journalist.expect_nothing()
    await bystander.expect_nothing()

    await journalist.press(notice, "Read and download")
    opened = await journalist.receive()
    assert "«Арчабиль»" in opened["text"]
    await journalist.press(opened, "📄 Document (.docx)")
    document = await journalist.receive()
    assert document["document"]["file_name"].endswith(".docx")
    paragraphs = docx_text(fake, document)
    assert "Итоги первого дня встречи" in paragraphs
    assert any("«Арчабиль»" in p for p in paragraphs)
    assert any("press@example.org" in p for p in paragraphs)


async def test_an_embargoed_release_goes_public_when_the_embargo_lifts(
    fake: FakeBotAPI, app: App, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    office = await organiser(fake)
    journalist = await accredited(app, fake, 2020)
    reader = fake.user(2021, language_code="en")
    menu = await say(reader, "/press")
    await reader.press(menu, "🔔 Get daily summaries")
    await reader.receive()

    await say(office, "/publish")
    await say(office, "Embargoed statement on volunteering")
    languages = await say(office, "The heads of the societies agreed on a joint volunteering plan.")
    await office.press(languages, "Publish in one language")
    embargo_step = await office.receive()
    assert "must end in the future" in (await say(office, "05.09 08:00"))["text"]
    assert "HH:MM" in (await say(office, "tonight"))["text"]
    await office.send("12:00")
    await office.receive()
    preview = await office.receive()
    assert "EMBARGOED until 5 September, 12:00 (Ashgabat time, UTC+5)" in preview["text"]
    assert buttons(embargo_step) == ["No embargo"]
    await office.press(preview, "✅ Publish")
    await office.receive()

    early = await journalist.receive()
    assert "EMBARGOED until 5 September, 12:00" in early["text"]
    await reader.expect_nothing()
    listing = await say(reader, "/releases")
    assert "Embargoed statement" not in listing["text"]
    release_id = int(button_data(early, "Read and download").split(":")[2])
    forged = f"pr:o:{release_id}:0"
    assert (await refused(reader, listing, forged)) == "This press release is not available."
    assert (await refused(reader, listing, f"pr:d:{release_id}:0")).startswith("This press")

    clock.set(local(5, 11, 59))
    await scheduler.run_due()
    await reader.expect_nothing(wait=0.1)
    clock.set(local(5, 12, 0))
    await scheduler.run_due()
    public = await reader.receive()
    assert public["text"].startswith("📰 New press release")
    assert "EMBARGOED" not in public["text"]
    lifted = await journalist.receive()
    assert lifted["text"].startswith("🔓 The embargo is lifted")
    await scheduler.run_due()
    await reader.expect_nothing(wait=0.1)
    await journalist.expect_nothing(wait=0.1)
    assert "Embargoed statement" in (await say(reader, "/releases"))["text"]


async def test_the_release_from_data_is_announced_once_at_its_time(
    fake: FakeBotAPI, app: App, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    """The press job alone (at 18:00 the reminders' day-end notice would join in)."""
    assert "press-due" in scheduler.job_ids()
    publishing = app.dispatcher["publishing"]
    journalist = await accredited(app, fake, 2030, language="ru")
    await publishing.run_due()
    await journalist.expect_nothing(wait=0.1)
    clock.set(local(5, 18, 0))
    await publishing.run_due()
    notice = await journalist.receive()
    assert "В Ашхабаде открылась встреча руководителей" in notice["text"]
    await publishing.run_due()
    await journalist.expect_nothing(wait=0.1)
    await journalist.press(notice, "Читать и скачать")
    opened = await journalist.receive()
    await journalist.press(opened, "📄 Документ (.docx)")
    paragraphs = docx_text(fake, await journalist.receive())
    assert paragraphs[0].startswith("В Ашхабаде открылась встреча")
    assert any("Пресс-служба оргкомитета" in p for p in paragraphs)


async def test_a_quote_request_from_question_to_answer(fake: FakeBotAPI, app: App) -> None:
    office = await organiser(fake)
    journalist = await accredited(app, fake, 2040)
    start = await say(journalist, "/ask")
    await journalist.press(start, "A speaker")
    people = await journalist.receive()
    await journalist.press(people, "Maral Achilova")
    assert "Your question to Maral Achilova?" in (await journalist.receive())["text"]
    assert "Too short" in (await say(journalist, "Why?"))["text"]
    step3 = await say(journalist, "What will the societies do together on volunteering?")
    await journalist.press(step3, "in 3 h")
    registered = await journalist.receive()
    assert registered["text"].startswith(
        "Your request No. 1 is registered; deadline 5 September, 12:00"
    )

    alert = await office.receive()
    assert alert["text"].startswith("📨 New quote request")
    queue = await say(office, "/queue")
    assert "No. 1 · new · to Maral Achilova" in queue["text"]
    await office.press(queue, button_starting(queue, "No. 1"))
    detail = await office.receive()
    await office.press(detail, "🙋 Take")
    taken = await office.receive()
    assert "taken" in taken["text"]
    assert "🙋 Take" not in buttons(taken)
    await office.press(taken, "💬 Answer")
    await office.receive()
    mode = await say(office, "We will present a joint volunteering plan on 6 September.")
    await office.press(mode, "Send and add to the quote bank")
    assert (await office.receive())["text"].startswith("✅ The answer to request No. 1 was sent.")

    answer = await journalist.receive()
    assert answer["text"].startswith("💬 Answer to your request No. 1 (Maral Achilova)")
    assert "What will the societies do together on volunteering?" in answer["text"]
    assert "joint volunteering plan on 6 September" in answer["text"]
    mine = await say(journalist, "/requests")
    assert "Request No. 1 · answered" in mine["text"]
    bank = await say(journalist, "/quotes")
    await journalist.press(bank, "By speaker")
    speakers = await journalist.receive()
    await journalist.press(speakers, button_starting(speakers, "Maral Achilova (2)"))
    quotes = await journalist.receive()
    assert "joint volunteering plan" in quotes["text"]
    assert "Answer to press request No. 1" in quotes["text"]
    assert (await refused(office, taken, button_data(taken, "💬 Answer"))).startswith(
        "This request has already been answered or declined."
    )


async def test_request_access_rules_and_a_declined_request(fake: FakeBotAPI, app: App) -> None:
    office = await organiser(fake)
    first = await accredited(app, fake, 2050)
    second = await accredited(app, fake, 2051)
    outsider = fake.user(2052, language_code="en")
    refusal = (await say(outsider, "/ask"))["text"]
    assert refusal.startswith("Only accredited journalists can request quotes.")
    listing = await say(outsider, "/press")
    assert (await refused(outsider, listing, "qt:o:")).startswith("Only accredited journalists")

    start = await say(first, "/ask")
    typed = await say(first, "the organisers, please")
    assert typed["text"] == "Please choose with the buttons above, or /cancel."
    await first.press(start, "The organisers")
    await first.receive()
    step3 = await say(first, "When is the final communiqué published?")
    assert "HH:MM" in (await say(first, "25:99"))["text"]
    assert (
        "at least 15 minutes from now. It can be at most 14 days ahead"
        in (await say(first, "09:05"))["text"]
    )
    assert (await say(first, "18:30"))["text"].startswith("Your request No. 1 is registered")
    assert step3["text"].startswith("Step 3 of 3")
    alert = await office.receive()

    assert (await say(second, "/requests"))["text"].startswith("You have no quote requests yet.")
    assert (await say(outsider, "/requests"))["text"].startswith("You have no quote requests")
    forged_open = button_data(alert, "Open in the press queue")
    assert (await refused(first, listing, forged_open)) == "Only the organisers can do this."
    assert (await refused(first, alert, "qq:t:1")) == "Only the organisers can do this."
    assert (await refused(office, alert, "qq:o:999")) == "This request does not exist."

    await office.press(alert, "Open in the press queue")
    detail = await office.receive()
    await office.press(detail, "✖ Decline")
    await office.receive()
    assert "Too short" in (await say(office, "no"))["text"]
    assert (await say(office, "The communiqué is not planned."))["text"].startswith(
        "Request No. 1 was declined"
    )
    told = await first.receive()
    assert told["text"].startswith("Your request No. 1 (The organisers) was declined.")
    assert "The communiqué is not planned." in told["text"]
    assert (await refused(office, detail, "qq:t:1")).startswith("This request has already been")
    assert "declined" in (await say(first, "/requests"))["text"]
    await second.expect_nothing()


async def test_the_queue_flags_a_request_near_its_deadline(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    office = await organiser(fake)
    journalist = await accredited(app, fake, 2060)
    start = await say(journalist, "/ask")
    await journalist.press(start, "A delegation")
    delegations = await journalist.receive()
    await journalist.press(delegations, button_starting(delegations, "Azerbaijan Red Crescent"))
    await journalist.receive()
    step3 = await say(journalist, "How many volunteers does the society have?")
    await journalist.press(step3, "in 1 h")
    await journalist.receive()
    await office.receive()
    assert "⚠️ due soon" in (await say(office, "/queue"))["text"]
    clock.set(local(5, 10, 30))
    assert "⏰ overdue" in (await say(office, "/queue"))["text"]


async def test_quote_bank_by_speaker_and_by_delegation(fake: FakeBotAPI, app: App) -> None:
    reader = fake.user(2070, language_code="ru")
    bank = await say(reader, "/quotes")
    await reader.press(bank, "По делегациям")
    delegations = await reader.receive()
    await reader.press(
        delegations,
        button_starting(delegations, "Национальное общество Красного Полумесяца Азербайджана"),
    )
    quotes = await reader.receive()
    assert "Сердечно благодарим" in quotes["text"]
    assert "Шабан Шаев, заместитель генерального секретаря" in quotes["text"]
    assert "Беседа с корреспондентом Turkmenportal" in quotes["text"]


async def test_a_summary_published_from_chat_is_pushed_once_with_a_document(
    fake: FakeBotAPI, app: App, scheduler: ClockScheduler
) -> None:
    office = await organiser(fake)
    journalist = await accredited(app, fake, 2080)
    bystander = fake.user(2081, language_code="en")
    await say(bystander, "/start")

    days = await say(office, "/publish_summary")
    await office.press(days, button_starting(days, "Sat, 6 September"))
    assert "Step 2 of 3" in (await office.receive())["text"]
    await say(office, "Day two: income generation and volunteers")
    await office.send("The participants discussed income-generating activities.\n\nAnd volunteers.")
    await office.receive()
    preview = await office.receive()
    await office.press(preview, "✅ Publish")
    await office.receive()

    pushed = await journalist.receive()
    assert pushed["text"].startswith("📝 Daily summary")
    assert "Day two: income generation and volunteers" in pushed["text"]
    await scheduler.run_due()
    await journalist.expect_nothing(wait=0.1)
    await bystander.expect_nothing(wait=0.1)
    await journalist.press(pushed, "📄 Document (.docx)")
    paragraphs = docx_text(fake, await journalist.receive())
    assert "Day two: income generation and volunteers" in paragraphs
    assert (await refused(journalist, pushed, "sdoc:20300101")).startswith("This summary")


async def test_organisers_add_organisers(fake: FakeBotAPI, app: App) -> None:
    office = await organiser(fake)
    newcomer = fake.user(2090, language_code="en")
    assert (await say(newcomer, "/queue"))["text"] == "Only the organisers can do this."
    assert (await say(newcomer, "/add_organiser 2090"))[
        "text"
    ] == "Only the organisers can do this."
    assert "Usage" in (await say(office, "/add_organiser bob"))["text"]
    assert "not talked to the bot" in (await say(office, "/add_organiser 2099"))["text"]
    assert (await say(office, "/add_organiser 2090"))["text"] == "2090 is now an organiser."
    assert (await say(newcomer, "/queue"))["text"].startswith("Press queue")
    assert "📥 Press queue" in buttons(await say(newcomer, "/press"))


async def test_releases_are_listed_newest_first_in_pages(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    publishing = app.dispatcher["publishing"]
    office = User(ORGANISER, "Press office", "en", Role.ORGANISER)
    for number in range(1, 7):
        clock.set(local(5, 9, number))
        await publishing.publish_release(
            office, f"d{number}", f"Release number {number}", "Body of the release.", None
        )
    reader = fake.user(2100, language_code="en")
    first = await say(reader, "/releases")
    assert first["text"].startswith("Press releases · 1/2")
    assert first["text"].index("Release number 6") < first["text"].index("Release number 2")
    assert "Release number 1" not in first["text"]
    await reader.press(first, "›")
    second = await reader.receive()
    assert "Release number 1" in second["text"]
    assert "Release number 6" not in second["text"]
