"""Questions to the speakers end to end over the fake Bot API, in Russian and English:
ask from the session's page, approval, upvotes, the board edited in place, moderators."""

from __future__ import annotations

import re

import pytest

from bot.app import App
from bot.config import Settings
from bot.questions.values import QuestionStatus
from bot.users.values import Role
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.hall_kit import (
    ORGANISER,
    answer_to,
    button_starting,
    buttons,
    data_of,
    open_session,
    say,
    snapshot,
    tap,
)
from tests.scheduler import ClockScheduler

QUESTION = "What will the societies do together next year?"
LINK = re.compile(r"https://t\.me/event_desk_test_bot\?start=(inv_[A-Za-z0-9_-]+)")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """No 1 s pause between two messages to one chat: tests read several in a row."""
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


async def test_a_question_is_asked_approved_upvoted_and_answered(
    fake: FakeBotAPI, app: App, clock: ManualClock, scheduler: ClockScheduler
) -> None:
    clock.set(local(5, 9, 50))  # ten minutes before the opening: questions are taken
    anna = fake.user(3001, first_name="Anna", language_code="en")
    page = await open_session(anna)
    assert {"❓ Ask a question", "💬 Questions to the speakers"} <= set(buttons(page))
    prompt = await tap(anna, page, "❓ Ask a question")
    assert prompt["text"].startswith("Your question to «Opening of the meeting», in 10 to 500")
    sign = await say(anna, QUESTION)
    assert sign["text"] == "How should your question be signed?"
    assert buttons(sign) == ["🙈 Anonymously", "👤 As Anna"]
    sent = await tap(anna, sign, "👤 As Anna")
    assert sent["message_id"] == sign["message_id"]
    assert sent["text"].startswith("✅ Thank you! Your question went to the moderators.")

    # Nothing is shown before approval.
    reader = fake.user(3002, language_code="ru")
    listing = await tap(reader, await open_session(reader), "💬 Вопросы спикерам")
    assert "Одобренных вопросов пока нет." in listing["text"]
    assert "societies" not in listing["text"]

    organiser = fake.user(ORGANISER, language_code="en")
    sessions = await say(organiser, "/moderate")
    board = await tap(organiser, sessions, button_starting(sessions, "05.09 10:00–10:30"))
    assert board["message_id"] == sessions["message_id"]
    assert "Waiting for a decision: 1 · answered: 0" in board["text"]
    incoming = await tap(organiser, board, "📥 Incoming (1)")
    assert incoming["message_id"] != board["message_id"]
    assert QUESTION in incoming["text"]
    assert "— Anna" in incoming["text"]
    query = await organiser.press(incoming, "✅ Approve")
    assert (await organiser.wait_answer(query))["text"] == "Approved: everyone sees it now."
    assert (
        "No questions to «Opening of the meeting» are waiting"
        in (await organiser.receive())["text"]
    )

    await scheduler.run_due()  # the boards' job: one edit of the board
    refreshed = await organiser.receive()
    assert refreshed["message_id"] == board["message_id"]
    assert "Waiting for a decision: 0" in refreshed["text"]
    assert f"1. {QUESTION}\n    — Anna · 👍 0" in refreshed["text"]

    listing = await tap(reader, listing, "« К сессии")
    listing = await tap(reader, listing, "💬 Вопросы спикерам")
    assert QUESTION in listing["text"]
    query = await reader.press(listing, "👍 1")
    assert (await reader.wait_answer(query))["text"] == "👍 Спасибо, ваш голос учтён."
    voted = await reader.receive()
    assert "👍 1 ✓" in voted["text"]

    await scheduler.run_due()
    assert "— Anna · 👍 1" in (await organiser.receive())["text"]
    await scheduler.run_due()  # nothing changed since: no edit
    await organiser.expect_nothing()

    answered = await tap(organiser, refreshed, "✔ 1")
    assert "No approved questions yet." in answered["text"]
    assert "answered: 1" in answered["text"]
    again = await tap(reader, voted, "« К сессии")
    again = await tap(reader, again, "💬 Вопросы спикерам")
    assert "Уже получили ответ: 1" in again["text"]
    (stored,) = await app.store.questions.by_votes(
        (await app.store.programme.sessions())[0].id, QuestionStatus.ANSWERED
    )
    assert (stored.author_name, stored.votes) == ("Anna", 1)


async def test_a_delegate_signs_with_their_society_or_asks_anonymously(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    clock.set(local(5, 10, 10))
    delegation = (await app.store.delegations.all())[1]
    await app.store.users.touch(3011, "Дамир", None, "ru", clock.now())
    await app.store.users.set_role(3011, Role.DELEGATE, delegation.id)
    delegate = fake.user(3011, first_name="Дамир", language_code="ru")
    page = await open_session(delegate)
    await tap(delegate, page, "❓ Задать вопрос")
    sign = await say(delegate, "Как общества будут обмениваться опытом волонтёров?")
    assert sign["text"] == "Как подписать ваш вопрос?"
    assert buttons(sign)[0] == "🙈 Анонимно"
    assert buttons(sign)[1].startswith("👤 От имени: Дамир, ")
    await tap(delegate, sign, buttons(sign)[1])

    await tap(delegate, page, "❓ Задать вопрос")
    sign = await say(delegate, "А второй вопрос — без подписи, пожалуйста?")
    await tap(delegate, sign, "🙈 Анонимно")
    session_id = (await app.store.programme.sessions())[0].id
    first, second = await app.store.questions.by_votes(session_id, QuestionStatus.PENDING)
    assert (first.author_name, first.society) == ("Дамир", delegation.name)
    assert (second.author_name, second.society) == (None, None)

    organiser = fake.user(ORGANISER, language_code="ru")
    sessions = await say(organiser, "/moderate")
    board = await tap(organiser, sessions, button_starting(sessions, "05.09 10:00"))
    assert "Ждут решения: 2 · с ответом: 0" in board["text"]
    incoming = await tap(organiser, board, "📥 Входящие (2)")
    assert f"— Дамир, {delegation.name.ru}" in incoming["text"]
    later = await tap(organiser, incoming, "⏭ Позже")
    assert "— анонимно" in later["text"]


async def test_a_moderator_link_names_a_moderator_of_that_session_only(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    clock.set(local(5, 10, 5))
    organiser = fake.user(ORGANISER, language_code="en")
    sessions = await say(organiser, "/moderate")
    board = await tap(organiser, sessions, button_starting(sessions, "05.09 10:00"))
    query = await organiser.press(board, "🔗 Moderator link")
    assert (await organiser.wait_answer(query))["text"] == "Link created."
    link = await organiser.receive()
    payload = LINK.search(link["text"])
    assert payload, link["text"]
    listing = await say(organiser, "/invites")
    assert "questions moderator" in listing["text"]

    moderator = fake.user(3201, language_code="ru")
    welcome = await say(moderator, f"/start {payload.group(1)}")
    assert welcome["text"] == (
        "Добро пожаловать! Теперь вы модерируете вопросы к сессии: откройте их командой /moderate."
    )
    await moderator.receive()  # the usual greeting
    assert (await app.store.users.stored(3201)).role is Role.GUEST  # type: ignore[union-attr]
    mine = await say(moderator, "/moderate")
    assert len(buttons(mine)) == 1
    assert buttons(mine)[0].startswith("05.09 10:00")

    asker = fake.user(3202, language_code="en")
    await tap(asker, await open_session(asker), "❓ Ask a question")
    await tap(asker, await say(asker, "Is there a plan for the winter season?"), "🙈 Anonymously")
    board = await tap(moderator, mine, buttons(mine)[0])
    assert "🔗 Ссылка для модератора" not in buttons(board)  # links are the organisers'
    incoming = await tap(moderator, board, "📥 Входящие (1)")
    query = await moderator.press(incoming, "🙈 Скрыть")
    answer = await moderator.wait_answer(query)
    assert answer["text"] == "Скрыто: вопрос видят только модераторы."

    other = (await app.store.programme.sessions())[1].id
    before = await snapshot(app.store)
    assert data_of(board, "🔄 Обновить").startswith("hm:b:")
    answer = await answer_to(moderator, board, f"hm:i:{other}:0")  # another session's incoming
    assert answer["text"] == "Это могут только организаторы и модераторы этой сессии."
    assert answer["show_alert"] is True
    assert await snapshot(app.store) == before
