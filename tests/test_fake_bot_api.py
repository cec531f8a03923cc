"""Tests of the fake Bot API itself, driven through a real aiogram Bot.

If the fake drifts from Telegram's formats, aiogram fails to parse its answers here first,
before the bot's own tests start giving misleading results.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiogram import Bot, Dispatcher, html
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.filters import CommandStart
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)

from tests.fake_bot_api import (
    FakeBotAPI,
    HTMLParseError,
    SlidingLimit,
    max_in_window,
    parse_html,
    utf16_len,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class QuickCloseSession(AiohttpSession):
    """AiohttpSession without the 250 ms sleep in close(): it only matters for SSL."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def keyboard(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[list(buttons)])


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[Bot]:
    session = QuickCloseSession(api=TelegramAPIServer.from_base(fake.url))
    instance = Bot(
        fake.token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML)
    )
    yield instance
    await instance.session.close()


# ------------------------------------------------------------------ HTML parsing


def test_parse_html_entities_use_utf16_offsets() -> None:
    text, entities = parse_html(
        '😀 <b>bold <i>both</i></b> &lt;x&gt; &#128512;<a href="https://e.com/a?x=1&amp;y=2">'
        'link</a> <pre><code class="language-python">x = 1</code></pre>'
        '<blockquote expandable>q</blockquote><span class="tg-spoiler">s</span>'
    )
    assert text == "😀 bold both <x> 😀link x = 1qs"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 9},
        {"type": "italic", "offset": 8, "length": 4},
        {"type": "text_link", "offset": 19, "length": 4, "url": "https://e.com/a?x=1&y=2"},
        {"type": "pre", "offset": 24, "length": 5, "language": "python"},
        {"type": "expandable_blockquote", "offset": 29, "length": 1},
        {"type": "spoiler", "offset": 30, "length": 1},
    ]
    assert utf16_len("😀a") == 3


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("Привет <foo>", 'Unsupported start tag "foo" at byte offset 13'),
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("Tom & Jerry", 'Unescaped "&" at byte offset 4: use &amp; for a literal ampersand'),
    ],
)
def test_parse_html_rejects_like_telegram(html: str, detail: str) -> None:
    with pytest.raises(HTMLParseError) as error:
        parse_html(html)
    assert str(error.value) == detail


def test_parse_html_lenient_ampersand_matches_telegram() -> None:
    assert parse_html("Tom & Jerry &copy;", strict_ampersand=False) == ("Tom & Jerry &copy;", [])


# ------------------------------------------------------------- through aiogram


async def test_get_me(bot: Bot, fake: FakeBotAPI) -> None:
    me = await bot.get_me()
    assert me.id == 123456789
    assert me.is_bot
    assert me.first_name == "Event Desk"
    assert me.username == fake.username


async def test_wrong_token_is_unauthorized(fake: FakeBotAPI) -> None:
    session = QuickCloseSession(api=TelegramAPIServer.from_base(fake.url))
    stranger = Bot("42:WRONG", session=session)
    with pytest.raises(TelegramUnauthorizedError):
        await stranger.get_me()
    await session.close()
    assert fake.unexpected[0].status == 401


async def test_send_message_round_trip(bot: Bot, fake: FakeBotAPI) -> None:
    user = fake.user(1001)
    sent = await bot.send_message(
        1001,
        "  <b>Пленарная</b> сессия 😀 <i>10:00</i>  ",
        reply_markup=keyboard(InlineKeyboardButton(text="Да", callback_data="yes")),
    )
    assert sent.text == "Пленарная сессия 😀 10:00"
    assert [(e.type, e.offset, e.length) for e in sent.entities or []] == [
        ("bold", 0, 9),
        ("italic", 20, 5),
    ]
    received = await user.receive(timeout=1)
    assert received["message_id"] == sent.message_id
    assert received["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "yes"
    assert fake.chat_messages(1001) == [received]
    call = fake.calls[-1]
    assert call.params["chat_id"] == 1001
    assert call.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "Да", "callback_data": "yes"}]]
    }
    assert fake.sent_log[-1][1:] == (1001, "sendMessage", sent.message_id)
    await user.expect_nothing(wait=0.01)


async def test_validation_errors(bot: Bot, fake: FakeBotAPI) -> None:
    fake.user(1)
    with pytest.raises(TelegramBadRequest, match="can't parse entities: Unsupported start tag"):
        await bot.send_message(1, "<foo>bar</foo>")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(1, "x" * 4097)
    await bot.send_message(1, "я" * 4096)
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(1, "<b> </b>")
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(
            1, "x", reply_markup=keyboard(InlineKeyboardButton(text="a", callback_data="é" * 33))
        )
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await bot.send_message(1, "x", reply_markup=keyboard(InlineKeyboardButton(text="a")))
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(999, "hello")
    assert fake.stats()["sendMessage"] == {400: 6, 200: 1}


async def test_blocked_and_deactivated_users(bot: Bot, fake: FakeBotAPI) -> None:
    fake.user(2).block()
    fake.user(3)
    fake.deactivate(3)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(2, "hi")
    with pytest.raises(TelegramForbiddenError, match="user is deactivated"):
        await bot.send_chat_action(3, "typing")
    fake.unblock(2)
    await bot.send_message(2, "hi again")


async def test_fail_next_retry_after(bot: Bot, fake: FakeBotAPI) -> None:
    fake.user(4)
    fake.fail_next("sendMessage", status=429, retry_after=3)
    fake.fail_next(status=500, chat_id=4)
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(4, "a")
    assert error.value.retry_after == 3
    with pytest.raises(TelegramServerError):
        await bot.send_message(4, "b")
    await bot.send_message(4, "c")
    assert fake.calls[0].response["parameters"] == {"retry_after": 3}


async def test_fail_randomly_is_seeded(bot: Bot, fake: FakeBotAPI) -> None:
    fake.user(5)
    fake.fail_randomly(0.5, seed=7)
    outcomes = []
    for _ in range(20):
        try:
            await bot.send_message(5, "x")
            outcomes.append(True)
        except TelegramRetryAfter:
            outcomes.append(False)
    assert 0 < outcomes.count(False) < 20
    assert fake.stats()["sendMessage"][429] == outcomes.count(False)


async def test_late_response_still_delivers(fake: FakeBotAPI) -> None:
    """A send whose response times out has still reached the user, as on real Telegram."""
    fake.user(17)
    fake.fail_next("sendMessage", status=200, delay=0.5)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=0.05)) as http:
        url = f"{fake.url}/bot{fake.token}/sendMessage"
        with pytest.raises(TimeoutError):
            await http.post(url, data={"chat_id": "17", "text": "once"})
    await asyncio.sleep(0.05)  # let the server notice the disconnect
    assert [m["text"] for m in fake.chat_messages(17)] == ["once"]
    assert fake.calls[-1].status == 499


async def test_enforced_rate_limit() -> None:
    async with FakeBotAPI(enforce_rate_limits=True, chat_burst=2) as limited:
        limited.user(6)
        session = QuickCloseSession(api=TelegramAPIServer.from_base(limited.url))
        bot = Bot(limited.token, session=session)
        await bot.send_message(6, "1")
        await bot.send_message(6, "2")
        with pytest.raises(TelegramRetryAfter) as error:
            await bot.send_message(6, "3")
        assert error.value.retry_after >= 1
        await session.close()


def test_max_in_window_counts_any_sliding_second() -> None:
    """Evenly 29.4/s fits 30 in a second; one request bunched 25 ms early makes 31."""
    even = [n * 0.034 for n in range(90)]
    assert max_in_window(even) == 30
    assert max_in_window([*even[:45], even[45] - 0.025, *even[46:]]) == 31
    assert max_in_window([]) == 0
    assert max_in_window([0.0, 0.999, 1.0], window=1.0) == 2, "the window is half-open"


def test_sliding_limit_refuses_only_past_the_limit() -> None:
    limit = SlidingLimit(2)
    assert (limit.admit(0.0), limit.admit(0.1)) == (0.0, 0.0)
    assert limit.admit(0.5) == pytest.approx(0.5), "room again when the first leaves"
    assert limit.admit(1.0) == 0.0, "a refused send is not counted"
    assert limit.admit(1.05) == pytest.approx(0.05)


async def test_hidden_limit_answers_429_only_when_exceeded(fake: FakeBotAPI, bot: Bot) -> None:
    fake.user(8)
    fake.hide_limit(3)
    for n in range(3):
        await bot.send_message(8, str(n))
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(8, "too many")
    assert error.value.retry_after == 1
    assert len(fake.arrivals) == 4, "refused requests arrived too"
    assert fake.max_arrivals_in(1.0) == 4
    fake.hide_limit(None)
    await bot.send_message(8, "lifted")
    assert [m["text"] for m in fake.chat_messages(8)] == ["0", "1", "2", "lifted"]


async def test_edits(bot: Bot, fake: FakeBotAPI) -> None:
    user = fake.user(7)
    markup = keyboard(InlineKeyboardButton(text="A", callback_data="a"))
    sent = await bot.send_message(7, "<b>v1</b>", reply_markup=markup)
    await user.receive()
    with pytest.raises(TelegramBadRequest, match="message is not modified: specified new"):
        await bot.edit_message_text(
            text="<b>v1</b>", chat_id=7, message_id=sent.message_id, reply_markup=markup
        )
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="x", chat_id=7, message_id=999)
    edited = await bot.edit_message_text(text="v2", chat_id=7, message_id=sent.message_id)
    assert isinstance(edited, Message)
    assert edited.text == "v2"
    assert edited.reply_markup is None  # no reply_markup in an edit removes the keyboard
    event = await user.receive()
    assert event["text"] == "v2"
    assert "edit_date" in event
    await bot.edit_message_reply_markup(chat_id=7, message_id=sent.message_id, reply_markup=markup)
    assert (await user.receive())["reply_markup"] == {
        "inline_keyboard": [[{"text": "A", "callback_data": "a"}]]
    }
    assert await bot.delete_message(7, sent.message_id)
    assert fake.chat_messages(7) == []
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(7, sent.message_id)


async def test_long_polling_wakes_up_and_offset_confirms(bot: Bot, fake: FakeBotAPI) -> None:
    user = fake.user(8)
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    await user.send("/start ref_42")
    updates = await poll
    assert time.monotonic() - started < 1
    assert len(updates) == 1
    message = updates[0].message
    assert message is not None
    assert message.text == "/start ref_42"
    assert message.entities is not None
    assert (message.entities[0].type, message.entities[0].length) == ("bot_command", 6)
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [updates[0].update_id]
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == []


async def test_concurrent_get_updates_conflict(bot: Bot, fake: FakeBotAPI) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    second = asyncio.create_task(bot.get_updates(timeout=5))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        await first
    fake.user(9)
    await fake.user(9).send("hi")
    assert len(await second) == 1
    await bot.set_webhook("https://example.com/hook")
    with pytest.raises(TelegramConflictError, match="while webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook()


async def test_dispatcher_polling(bot: Bot, fake: FakeBotAPI) -> None:
    dispatcher = Dispatcher()

    @dispatcher.message(CommandStart())
    async def start(message: Message) -> None:
        await message.answer(f"Привет, <b>{html.quote(message.text or '')}</b>")

    user = fake.user(18)
    polling = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, close_bot_session=False)
    )
    await user.send("/start a&b")
    reply = await user.receive(timeout=2)
    assert reply["text"] == "Привет, /start a&b"
    await dispatcher.stop_polling()
    await polling
    assert fake.calls_to("getUpdates")[0].params["allowed_updates"] == ["message"]


async def test_send_document_upload(bot: Bot, fake: FakeBotAPI) -> None:
    user = fake.user(10)
    sent = await bot.send_document(
        10, BufferedInputFile(b"BEGIN:VCALENDAR", filename="agenda.ics"), caption="<b>cal</b>"
    )
    document = sent.document
    assert document is not None
    assert document.file_name == "agenda.ics"
    assert document.mime_type == "text/calendar"
    assert document.file_size == 15
    assert fake.files[document.file_id] == b"BEGIN:VCALENDAR"
    assert fake.calls[-1].files == {"document": ("agenda.ics", b"BEGIN:VCALENDAR")}
    assert sent.caption == "cal"
    assert (await user.receive())["document"]["file_id"] == document.file_id
    copied = await bot.copy_message(10, 10, sent.message_id)
    assert fake.chat_messages(10)[-1]["message_id"] == copied.message_id
    assert fake.chat_messages(10)[-1]["document"]["file_id"] == document.file_id


async def test_press_and_answer_callback(bot: Bot, fake: FakeBotAPI) -> None:
    user = fake.user(11)
    await bot.send_message(
        11, "pick", reply_markup=keyboard(InlineKeyboardButton(text="Go", callback_data="go"))
    )
    message = await user.receive()
    with pytest.raises(AssertionError, match=r"available: \['Go'\]"):
        await user.press(message, "Nope")
    query_id = await user.press(message, data="admin:delete:1")
    updates = await bot.get_updates()
    query = updates[-1].callback_query
    assert query is not None
    assert (query.id, query.data, query.from_user.id) == (query_id, "admin:delete:1", 11)
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query_id, text="x" * 201)
    await bot.answer_callback_query(query_id, text="Готово", show_alert=True)
    answer = await user.wait_answer(query_id, timeout=1)
    assert (answer["text"], answer["show_alert"]) == ("Готово", True)
    assert user.answers == [answer]
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)


async def test_blocks_bot_update_parses(bot: Bot, fake: FakeBotAPI) -> None:
    user = fake.user(12)
    user.blocks_bot()
    updates = await bot.get_updates(allowed_updates=["message", "my_chat_member"])
    member = updates[0].my_chat_member
    assert member is not None
    assert member.new_chat_member.status == "kicked"
    with pytest.raises(TelegramForbiddenError):
        await bot.send_message(12, "still there?")


async def test_commands_and_menu(bot: Bot, fake: FakeBotAPI) -> None:
    fake.user(13)
    await bot.set_my_commands([BotCommand(command="start", description="Начать")])
    await bot.set_my_commands(
        [BotCommand(command="start", description="Start")], language_code="en"
    )
    assert [c.description for c in await bot.get_my_commands()] == ["Начать"]
    assert [c.description for c in await bot.get_my_commands(language_code="en")] == ["Start"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad-Command", description="x")])
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == []
    await bot.set_chat_menu_button(chat_id=13)
    assert (await bot.get_chat(13)).type == "private"
    assert (await bot.get_webhook_info()).url == ""


async def test_unknown_method_is_recorded(bot: Bot, fake: FakeBotAPI) -> None:
    fake.user(14)
    with pytest.raises(TelegramNotFound):
        await bot.send_dice(14)
    assert [c.method for c in fake.unexpected] == ["sendDice"]
    assert fake.unexpected[0].status == 404


async def test_json_body_and_case_insensitive_method(fake: FakeBotAPI) -> None:
    fake.user(15)
    async with aiohttp.ClientSession() as http:
        url = f"{fake.url}/bot{fake.token}/SENDMESSAGE"
        async with http.post(url, json={"chat_id": "15", "text": "<b>x</b>"}) as response:
            body = await response.json()
    assert body["ok"]
    assert body["result"]["text"] == "<b>x</b>"  # no parse_mode: sent as is
    assert fake.calls[-1].method == "sendMessage"


async def test_update_shapes_parse() -> None:
    """Raw updates built by FakeUser must be valid aiogram Updates (no server needed)."""
    fake = FakeBotAPI()
    user = fake.user(16, username="delegate", language_code="en")
    await user.send("hello")
    user.blocks_bot()
    for _, update in fake._updates:
        Update.model_validate(update)


async def test_standalone_process() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fake_bot_api",
        "--port",
        "0",
        "--token",
        "77:T",
        cwd=PROJECT_ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 10)).decode().strip()
        assert line.startswith("READY http://127.0.0.1:")
        url = line.split()[1]
        async with aiohttp.ClientSession() as http:
            await http.post(f"{url}/_fake/users", json={"id": 5, "language_code": "en"})
            async with http.post(
                f"{url}/bot77:T/sendMessage", data={"chat_id": "5", "text": "hi"}
            ) as response:
                assert response.status == 200
            async with http.get(f"{url}/_fake/stats") as response:
                stats = await response.json()
            async with http.get(f"{url}/_fake/calls?method=sendmessage&since=0") as response:
                calls = await response.json()
            await http.post(f"{url}/_fake/hidden_limit", json={"per_second": 1})
            for status in (200, 429):
                async with http.post(
                    f"{url}/bot77:T/sendMessage", data={"chat_id": "5", "text": "again"}
                ) as response:
                    assert response.status == status
            async with http.get(f"{url}/_fake/arrivals") as response:
                arrivals = await response.json()
        assert stats["methods"] == {"sendMessage": {"200": 1}}
        assert stats["sends"]["total"] == 1
        assert stats["sends"]["per_chat"] == {"5": 1}
        assert json.dumps(calls["calls"][0]["params"]) == '{"chat_id": 5, "text": "hi"}'
        assert len(arrivals["arrivals"]) == 3
        assert arrivals["max_per_second"] == 3
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), 10) == 0
