"""The handbook's chat transcripts (docs/<language>/transcripts/*.md), recorded from the real
bot over the fake Bot API in Russian and in English. A test fails when a committed transcript
differs from what the bot says now; ``UPDATE_TRANSCRIPTS=1`` rewrites them."""

from __future__ import annotations

from typing import Any

import pytest

from bot.app import App
from bot.config import Settings
from bot.users.values import Role
from tests.clock import ManualClock
from tests.fake_bot_api import FakeBotAPI
from tests.programme_kit import ORGANISER, rest
from tests.test_e2e_broadcasts import people
from tests.test_e2e_press import accredited
from tests.test_reminders import subscribe
from tests.transcripts import ROOT, Transcript

LANGUAGES = ["ru", "en"]
Message = dict[str, Any]

# Button labels as each catalogue has them (bot/i18n/locales/<language>/*.po).
LABELS = {
    "ru": {
        "organiser": "Организатор",
        "delegate": "Делегат",
        "journalist": "Журналист",
        "remind": "🔔 Напомнить",
        "friday": "Пт",
        "change": "✏️ Изменить",
        "plus10": "+10 мин",
        "also_move": "⏩ Сдвинуть и 3 следующих заседания дня",
        "confirm": "✅ Подтвердить",
        "delegates": "Делегаты",
        "send": "✅ Отправить",
        "finished": "Завершена.",
        "speaker": "Спикер",
        "maral": "Марал Ачилова",
        "in3h": "через 3 ч",
        "take": "🙋 Взять",
        "answer": "💬 Ответить",
        "to_bank": "Отправить и добавить в банк цитат",
        "quiet": "Через четыре минуты правок больше нет, и подписчики получают одно уведомление:",
        "delegate_gets": "Делегаты получают объявление:",
        "office_gets": "Организаторы сразу получают уведомление:",
        "journalist_gets": "Журналист получает ответ:",
        "apply": "🪪 Подать заявку на аккредитацию",
        "approve": "✅ Одобрить",
        "form": ["Тестовый Журналист", "Редакция (пример)", "корреспондент", "+993 12 345678"],
        "office_card": "Каждый организатор получает заявку:",
        "journalist_told": "Журналист получает решение:",
        "announcement": "Сбор делегаций у входа в конференц-зал в 13:45.",
        "question": "Что общества будут делать вместе в области добровольчества?",
        "reply": "Совместный план по добровольчеству представим 6 сентября.",
    },
    "en": {
        "organiser": "Organiser",
        "delegate": "Delegate",
        "journalist": "Journalist",
        "remind": "🔔 Remind me",
        "friday": "Fri",
        "change": "✏️ Change",
        "plus10": "+10 min",
        "also_move": "⏩ Also move the 3 later sessions of the day",
        "confirm": "✅ Confirm",
        "delegates": "Delegates",
        "send": "✅ Send",
        "finished": "Finished.",
        "speaker": "A speaker",
        "maral": "Maral Achilova",
        "in3h": "in 3 h",
        "take": "🙋 Take",
        "answer": "💬 Answer",
        "to_bank": "Send and add to the quote bank",
        "quiet": "Four minutes later, with no further edits, followers get one notice:",
        "delegate_gets": "The delegates get the announcement:",
        "office_gets": "The organisers get a notice at once:",
        "journalist_gets": "The journalist gets the answer:",
        "apply": "🪪 Apply for accreditation",
        "approve": "✅ Approve",
        "form": ["Test Journalist", "Newsroom (example)", "correspondent", "+993 12 345678"],
        "office_card": "Every organiser gets the application:",
        "journalist_told": "The journalist is told the decision:",
        "announcement": "Delegations gather at the conference hall entrance at 13:45.",
        "question": "What will the societies do together on volunteering?",
        "reply": "We will present a joint volunteering plan on 6 September.",
    },
}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Fast progress messages and no pause between two messages to one chat."""
    return settings.model_copy(
        update={"broadcast_progress_seconds": 0.05, "delivery_chat_interval": 0.0}
    )


def recorder(name: str, language: str, test: str) -> Transcript:
    return Transcript(name, language, f"tests/test_docs_transcripts.py::{test}")


@pytest.mark.parametrize("language", LANGUAGES)
async def test_first_steps(fake: FakeBotAPI, app: App, language: str) -> None:
    """/start, the programme by day, a session's page: what every participant sees first."""
    words = LABELS[language]
    transcript = recorder("first-steps", language, "test_first_steps")
    delegate = transcript.speaker(fake.user(5101, language_code=language), words["delegate"])
    await delegate.send("/start")
    days = await delegate.send("/agenda")
    friday = await delegate.press_starting(days, words["friday"])
    page = await delegate.press_starting(friday, "10:00")
    await delegate.press(page, words["remind"])
    await delegate.send("/now")
    transcript.check()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_live_delay(fake: FakeBotAPI, app: App, clock: ManualClock, language: str) -> None:
    """An organiser delays the opening by ten minutes from a phone; followers hear once."""
    words = LABELS[language]
    transcript = recorder("live-delay", language, "test_live_delay")
    follower = fake.user(5201, language_code=language)
    await subscribe(follower, words["friday"], "10:00", words["remind"])
    organiser = transcript.speaker(fake.user(ORGANISER, language_code=language), words["organiser"])
    days = await organiser.send("/agenda")
    friday = await organiser.press_starting(days, words["friday"])
    page = await organiser.press_starting(friday, "10:00")
    menu = await organiser.press(page, words["change"])
    clash = await organiser.press(menu, words["plus10"])
    preview = await organiser.press(clash, words["also_move"])
    await organiser.press(preview, words["confirm"])
    await rest(app, clock, minutes=4)
    transcript.note(words["quiet"])
    transcript.speaker(follower, words["delegate"])
    transcript.bot(await follower.receive())
    transcript.check()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_broadcast(fake: FakeBotAPI, app: App, language: str) -> None:
    """An announcement to the delegates: composed, previewed, sent, reported."""
    words = LABELS[language]
    transcript = recorder("broadcast", language, "test_broadcast")
    delegations = await app.store.delegations.all()
    first, second = delegations[0].id, delegations[1].id
    audience = {5301: (Role.DELEGATE, first), 5302: (Role.DELEGATE, first)}
    await people(app, fake, {**audience, 5303: (Role.DELEGATE, second), 5304: Role.PRESS})
    fake.user(5301).user["language_code"] = language
    await app.store.users.set_language(5301, language)
    organiser = transcript.speaker(fake.user(ORGANISER, language_code=language), words["organiser"])
    await organiser.send("/broadcast")
    question = await organiser.send(words["announcement"])
    await organiser.press(question, words["delegates"])
    await organiser.receive()  # the preview, as the delegates will see it
    question = await organiser.receive()  # «Send to N recipients?»
    await organiser.press_until(question, words["send"], words["finished"])
    transcript.note(words["delegate_gets"])
    transcript.bot(await fake.user(5301).receive())
    transcript.check()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_quote_request(fake: FakeBotAPI, app: App, language: str) -> None:
    """An accredited journalist asks a speaker; the press office takes and answers it."""
    words = LABELS[language]
    transcript = recorder("quote-request", language, "test_quote_request")
    office_user = fake.user(ORGANISER, language_code=language)
    await office_user.send("/start")
    await office_user.receive()
    journalist = transcript.speaker(
        await accredited(app, fake, 5401, language), words["journalist"]
    )
    office = transcript.speaker(office_user, words["organiser"])
    start = await journalist.send("/ask")
    speakers = await journalist.press(start, words["speaker"])
    await journalist.press(speakers, words["maral"])
    deadline = await journalist.send(words["question"])
    await journalist.press(deadline, words["in3h"])
    transcript.note(words["office_gets"])
    await office.receive()
    queue = await office.send("/queue")
    detail = await office.press_starting(queue, "№ 1" if language == "ru" else "No. 1")
    taken = await office.press(detail, words["take"])
    await office.press(taken, words["answer"])
    mode = await office.send(words["reply"])
    await office.press(mode, words["to_bank"])
    transcript.note(words["journalist_gets"])
    await journalist.receive()
    transcript.check()


@pytest.mark.parametrize("language", LANGUAGES)
async def test_accreditation(fake: FakeBotAPI, app: App, language: str) -> None:
    """A journalist applies in four steps; an organiser approves from the notice."""
    words = LABELS[language]
    transcript = recorder("accreditation", language, "test_accreditation")
    office_user = fake.user(ORGANISER, language_code=language)
    await office_user.send("/start")
    await office_user.receive()
    journalist = transcript.speaker(fake.user(5501, language_code=language), words["journalist"])
    office = transcript.speaker(office_user, words["organiser"])
    menu = await journalist.send("/press")
    await journalist.press(menu, words["apply"])
    for answer in words["form"]:
        await journalist.send(answer)
    transcript.note(words["office_card"])
    card = await office.receive()
    await office.press(card, words["approve"])
    transcript.note(words["journalist_told"])
    await journalist.receive()
    transcript.check()


def test_transcripts_on_disk_are_the_recorded_ones() -> None:
    """No transcript is left behind when a scenario is renamed or removed."""
    recorded = {"first-steps", "live-delay", "broadcast", "quote-request", "accreditation"}
    pages = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    for language in LANGUAGES:
        folder = Transcript("x", language, "").path.parent
        assert {p.stem for p in folder.glob("*.md")} == recorded, folder
        for name in recorded:  # and every one is shown on a page
            assert f'--8<-- "{language}/transcripts/{name}.md"' in pages, (language, name)
