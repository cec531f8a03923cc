"""Questions to the speakers under abuse, end to end in Russian and English: spam past the
rate limit, a second upvote, one's own upvote, forged ids, over-long text, closed sessions,
and people who are not moderators pressing moderation buttons. Nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.app import App
from bot.config import Settings
from bot.questions.values import QuestionStatus
from tests.clock import ManualClock
from tests.conftest import local
from tests.fake_bot_api import FakeBotAPI
from tests.fake_bot_api.users import FakeUser
from tests.hall_kit import HUGE, ORGANISER, answer_to, buttons, open_session, say, snapshot, tap

TEXTS = {
    "ru": {
        "ask": "❓ Задать вопрос",
        "list": "💬 Вопросы спикерам",
        "anonymous": "🙈 Анонимно",
        "sent": "✅ Спасибо!",
        "too_many": (
            "Ваших вопросов к этой сессии за последние 10 мин.: 3. "
            "Пожалуйста, подождите немного перед следующим."
        ),
        "closed": (
            "Вопросы к этой сессии принимаются начиная за 15 минут до её начала и до её окончания."
        ),
        "again": "Вы уже поддержали этот вопрос.",
        "own": "Это ваш собственный вопрос: его поддерживают другие.",
        "not_shown": "За этот вопрос больше нельзя голосовать.",
        "too_long": "Слишком длинно",
        "too_short": "Слишком коротко",
        "limit": "символов",
        "not_moderator": "Это могут только организаторы и модераторы этой сессии.",
        "organisers_only": "Это могут делать только организаторы.",
        "stale": "Эта кнопка устарела",
    },
    "en": {
        "ask": "❓ Ask a question",
        "list": "💬 Questions to the speakers",
        "anonymous": "🙈 Anonymously",
        "sent": "✅ Thank you!",
        "too_many": (
            "Your questions to this session in the last 10 min: 3. "
            "Please wait a little before the next one."
        ),
        "closed": "Questions to this session are taken from 15 minutes before it until it ends.",
        "again": "You have upvoted this question already.",
        "own": "This is your own question: others upvote it.",
        "not_shown": "This question is not open for upvotes any more.",
        "too_long": "Too long",
        "too_short": "Too short",
        "limit": "characters",
        "not_moderator": "Only the organisers and this session's moderators can do this.",
        "organisers_only": "Only the organisers can do this.",
        "stale": "This button is out of date",
    },
}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"delivery_chat_interval": 0.0})


async def ask(user: FakeUser, page: dict[str, object], text: str, language: str) -> str:
    """The whole form; returns what the bot said at its end."""
    await tap(user, page, TEXTS[language]["ask"])
    sign = await say(user, text)
    return str((await tap(user, sign, TEXTS[language]["anonymous"]))["text"])


async def session_id(app: App, index: int = 0) -> int:
    return (await app.store.programme.sessions())[index].id


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_question_spam_stops_at_the_rate_limit_and_resumes_after_the_window(
    fake: FakeBotAPI, app: App, clock: ManualClock, language: str
) -> None:
    clock.set(local(5, 10, 0))
    words = TEXTS[language]
    spammer = fake.user(3301, language_code=language)
    page = await open_session(spammer)
    for number in range(3):
        said = await ask(spammer, page, f"Question number {number} about the agenda", language)
        assert said.startswith(words["sent"])
    before = await snapshot(app.store)
    query = await spammer.press(page, words["ask"])
    answer = await spammer.wait_answer(query)
    assert (answer["text"], answer["show_alert"]) == (words["too_many"], True)
    await spammer.expect_nothing()
    assert await snapshot(app.store) == before

    clock.advance(dt.timedelta(minutes=10, seconds=1))
    said = await ask(spammer, page, "One more question, ten minutes later", language)
    assert said.startswith(words["sent"])
    pending = await app.store.questions.by_votes(await session_id(app), QuestionStatus.PENDING)
    assert len(pending) == 4


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_over_long_and_too_short_questions_are_refused_and_nothing_is_stored(
    fake: FakeBotAPI, app: App, clock: ManualClock, language: str
) -> None:
    clock.set(local(5, 10, 0))
    words = TEXTS[language]
    asker = fake.user(3311, language_code=language)
    page = await open_session(asker)
    await tap(asker, page, words["ask"])
    before = await snapshot(app.store)
    for text, problem in (("x" * 501, "too_long"), ("Why?", "too_short"), ("y" * 5000, "limit")):
        reply = await say(asker, text)
        assert words[problem] in reply["text"], reply["text"]
    assert await snapshot(app.store) == before
    sign = await say(asker, "Now a question of a proper length?")  # the form still waits
    assert buttons(sign) == [words["anonymous"], buttons(sign)[1]]
    await asker.send("/cancel")
    await asker.receive()
    assert await snapshot(app.store) == before


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_no_question_before_the_window_or_after_the_session(
    fake: FakeBotAPI, app: App, clock: ManualClock, language: str
) -> None:
    words = TEXTS[language]
    early = fake.user(3321, language_code=language)
    clock.set(local(5, 9, 44))  # 16 minutes before the opening
    page = await open_session(early)
    assert words["ask"] not in buttons(page)
    assert words["list"] not in buttons(page)
    forged = f"hq:a:{await session_id(app)}:0:0"
    for moment in (local(5, 9, 44), local(5, 10, 30)):  # before, and as the session ends
        clock.set(moment)
        answer = await answer_to(early, page, forged)
        assert (answer["text"], answer["show_alert"]) == (words["closed"], True)
    assert (await snapshot(app.store))["questions"] == []


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_a_second_upvote_ones_own_and_a_waiting_question_change_nothing(
    fake: FakeBotAPI, app: App, clock: ManualClock, language: str
) -> None:
    clock.set(local(5, 10, 0))
    words = TEXTS[language]
    author = fake.user(3331, language_code=language)
    await ask(author, await open_session(author), "Approved question, for the votes", language)
    await ask(author, await open_session(author), "Waiting question, never approved", language)
    approved, waiting = await app.store.questions.by_votes(
        await session_id(app), QuestionStatus.PENDING
    )
    await app.store.questions.decide(
        approved.id, [QuestionStatus.PENDING], QuestionStatus.APPROVED, ORGANISER, clock.now()
    )
    voter = fake.user(3332, language_code=language)
    listing = await tap(voter, await open_session(voter), words["list"])
    await tap(voter, listing, "👍 1")
    before = await snapshot(app.store)

    answer = await answer_to(voter, listing, f"hq:v:{approved.session_id}:{approved.id}:0")
    assert (answer["text"], answer["show_alert"]) == (words["again"], True)
    own = await tap(author, await open_session(author), words["list"])
    answer = await answer_to(author, own, f"hq:v:{approved.session_id}:{approved.id}:0")
    assert (answer["text"], answer["show_alert"]) == (words["own"], True)
    for forged in (waiting.id, 999_999):
        answer = await answer_to(voter, listing, f"hq:v:{approved.session_id}:{forged}:0")
        assert (answer["text"], answer["show_alert"]) == (words["not_shown"], True)
    assert await snapshot(app.store) == before
    assert [
        q.votes
        for q in await app.store.questions.by_votes(approved.session_id, QuestionStatus.APPROVED)
    ] == [1]


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_forged_ids_past_64_bits_are_out_of_date_and_change_nothing(
    fake: FakeBotAPI, app: App, clock: ManualClock, language: str
) -> None:
    clock.set(local(5, 10, 0))
    organiser = fake.user(ORGANISER, language_code=language)
    board_list = await say(organiser, "/moderate")
    before = await snapshot(app.store)
    sid = await session_id(app)
    for forged in (
        f"hq:a:{HUGE}:0:0",
        f"hq:l:{HUGE}:0:0",
        f"hq:v:{sid}:{HUGE}:0",
        f"hq:l:{sid}:0:{HUGE}",
        f"hq:v:-{HUGE}:1:0",
        f"hm:b:{HUGE}:0",
        f"hm:i:{sid}:{HUGE}",
        f"hm:ok:{sid}:{HUGE}",
        f"hm:ans:{HUGE}:1",
        f"hm:inv:{HUGE}:0",
        "hqs:x",
    ):
        answer = await answer_to(organiser, board_list, forged)
        assert answer["text"].startswith(TEXTS[language]["stale"]), (forged, answer)
        assert answer["show_alert"] is True
    await organiser.expect_nothing()
    assert await snapshot(app.store) == before


@pytest.mark.parametrize("language", ["ru", "en"])
async def test_nobody_but_organisers_and_the_sessions_moderators_moderates(
    fake: FakeBotAPI, app: App, clock: ManualClock, language: str
) -> None:
    clock.set(local(5, 10, 0))
    words = TEXTS[language]
    author = fake.user(3341, language_code=language)
    await ask(author, await open_session(author), "A question the guest must not approve", language)
    (question,) = await app.store.questions.by_votes(await session_id(app), QuestionStatus.PENDING)
    other = await session_id(app, 1)
    await app.store.moderators.add(other, 3343, clock.now())  # a moderator of another session
    for user_id in (3342, 3343):
        stranger = fake.user(user_id, language_code=language)
        said = await say(stranger, "/moderate")
        if user_id == 3342:
            assert said["text"] == words["not_moderator"]
        before = await snapshot(app.store)
        sid = question.session_id
        for data in (
            f"hm:b:{sid}:0",
            f"hm:i:{sid}:0",
            f"hm:nx:{sid}:0",
            f"hm:ok:{sid}:{question.id}",
            f"hm:no:{sid}:{question.id}",
            f"hm:ans:{sid}:{question.id}",
        ):
            answer = await answer_to(stranger, said, data)
            assert (answer["text"], answer["show_alert"]) == (words["not_moderator"], True), data
        # A session id they moderate does not open another session's question.
        answer = await answer_to(stranger, said, f"hm:ok:{other}:{question.id}")
        expected = words["organisers_only"] if user_id == 3343 else words["not_moderator"]
        assert (answer["text"], answer["show_alert"]) == (expected, True)
        answer = await answer_to(stranger, said, f"hm:inv:{sid}:0")
        assert (answer["text"], answer["show_alert"]) == (words["organisers_only"], True)
        await stranger.expect_nothing()
        assert await snapshot(app.store) == before
    assert (await app.store.questions.get(question.id)).status is QuestionStatus.PENDING  # type: ignore[union-attr]
