"""The fake Bot API's sendVenue and answerInlineQuery refuse what Telegram refuses."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineQueryResultArticle, InputTextMessageContent

from tests.fake_bot_api import FakeBotAPI


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake.url))
    instance = Bot(
        fake.token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML)
    )
    yield instance
    await instance.session.close()


def article(result_id: str, text: str = "<b>card</b>") -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id, title="Card", input_message_content=InputTextMessageContent(message_text=text)
    )


async def test_an_answer_is_parsed_and_reaches_the_user(fake: FakeBotAPI, bot: Bot) -> None:
    user = fake.user(10)
    query_id = await user.inline("card")
    await bot.answer_inline_query(
        query_id, [article("a1")], cache_time=5, is_personal=True, next_offset="20"
    )
    answer = await user.inline_answer(query_id)
    assert answer["results"][0]["text"] == "card"
    assert answer["results"][0]["entities"] == [{"type": "bold", "offset": 0, "length": 4}]
    assert (answer["cache_time"], answer["is_personal"], answer["next_offset"]) == (5, True, "20")
    with pytest.raises(TelegramBadRequest, match="query ID is invalid"):
        await bot.answer_inline_query(query_id, [])  # once only
    with pytest.raises(TelegramBadRequest, match="query ID is invalid"):
        await bot.answer_inline_query("12345", [])


@pytest.mark.parametrize(
    ("results", "error"),
    [
        ([article(f"a{n}") for n in range(51)], "RESULTS_TOO_MUCH"),
        ([article("same"), article("same")], "RESULT_ID_DUPLICATE"),
        ([article("x" * 65)], "RESULT_ID_INVALID"),
        ([article("a", "x" * 4097)], "MESSAGE_TOO_LONG"),
        ([article("a", "<b>unclosed")], "can't parse entities"),
    ],
)
async def test_what_telegram_refuses_is_refused(
    fake: FakeBotAPI, bot: Bot, results: list[InlineQueryResultArticle], error: str
) -> None:
    query_id = await fake.user(11).inline("")
    with pytest.raises(TelegramBadRequest, match=error):
        await bot.answer_inline_query(query_id, results)
    assert query_id not in fake.inline_answers
    await bot.answer_inline_query(query_id, [article(f"b{n}") for n in range(50)])


async def test_a_venue_is_a_message_with_a_place_on_the_map(fake: FakeBotAPI, bot: Bot) -> None:
    user = fake.user(12)
    await bot.send_venue(user.id, 37.9, 58.4, "Hotel", "Avenue 1")
    message = await user.receive()
    assert message["venue"] == {
        "location": {"latitude": 37.9, "longitude": 58.4},
        "title": "Hotel",
        "address": "Avenue 1",
    }
    with pytest.raises(TelegramBadRequest, match="wrong latitude"):
        await bot.send_venue(user.id, 91, 58.4, "Hotel", "Avenue 1")
    with pytest.raises(TelegramBadRequest, match="venue title is empty"):
        await bot.send_venue(user.id, 37.9, 58.4, " ", "Avenue 1")
