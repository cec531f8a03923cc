"""Organiser broadcasts end to end: compose, audience, preview, confirm, progress, report."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from bot.app import App
from bot.config import Settings
from bot.users.values import Role
from handlers.broadcasts.compose import ComposeAction, ComposeCb
from tests.clock import ManualClock
from tests.fake_bot_api import FakeBotAPI, FakeUser

ORGANISER = 900001
Message = dict[str, Any]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Fast progress updates and retries, so a whole broadcast fits in a second or two."""
    return settings.model_copy(
        update={
            "broadcast_progress_seconds": 0.05,
            "delivery_retry_base": 0.05,
            "delivery_max_attempts": 3,
        }
    )


async def people(app: App, fake: FakeBotAPI, roles: dict[int, Role | tuple[Role, int]]) -> None:
    """Users who have talked to the bot before, with their roles (delegates: delegation id)."""
    now = app.clock.now()
    for user_id, role in roles.items():
        fake.user(user_id, language_code="en")
        await app.store.users.touch(user_id, f"U{user_id}", None, "en", now)
        if isinstance(role, tuple):
            await app.store.users.set_role(user_id, role[0], role[1])
        elif role is not Role.GUEST:
            await app.store.users.set_role(user_id, role, None)


async def until(user: FakeUser, wanted: Callable[[Message], bool], within: float = 8) -> Message:
    """The next message or edit in the chat that satisfies ``wanted`` (earlier ones skipped)."""
    deadline = time.monotonic() + within
    while True:
        event = await user.receive(timeout=max(deadline - time.monotonic(), 0.01))
        if wanted(event):
            return event


def text_of(message: Message) -> str:
    return message.get("text") or message.get("caption") or ""


def sends_to(fake: FakeBotAPI) -> Counter[int]:
    return Counter(entry.chat_id for entry in fake.sent_log)


async def compose(organiser: FakeUser, update: dict[str, Any] | str) -> Message:
    """/broadcast, then the announcement; returns the audience question."""
    await organiser.send("/broadcast")
    assert "New broadcast" in text_of(await organiser.receive())
    if isinstance(update, str):
        await organiser.send(update)
    else:
        organiser.fake.push_update({"message": update})
    question = await organiser.receive()
    assert text_of(question) == "Who should get it?"
    return question


def formatted(organiser: FakeUser, text: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "message_id": 500,
        "from": organiser.user,
        "chat": organiser.chat,
        "date": int(time.time()),
        "text": text,
        "entities": entities,
    }


async def confirm(organiser: FakeUser, audience_message: Message, *buttons: str) -> Message:
    """Press the audience buttons, check the preview, press Send; returns the progress message."""
    for button in buttons[:-1]:
        await organiser.press(audience_message, button)
        audience_message = await organiser.receive()
    await organiser.press(audience_message, buttons[-1])
    chosen = await organiser.receive()
    assert text_of(chosen).startswith("Audience:")
    preview = await organiser.receive()
    question = await organiser.receive()
    assert "This is the preview" in text_of(question)
    await organiser.press(question, "✅ Send")
    progress = await organiser.receive()
    assert progress["message_id"] == question["message_id"]
    return {"preview": preview, "question": question, "progress": progress}


def finished(message: Message) -> bool:
    return "Finished." in text_of(message) or "Cancelled;" in text_of(message)


async def test_a_delegation_gets_the_formatted_announcement_and_nobody_else(
    fake: FakeBotAPI, app: App
) -> None:
    delegations = await app.store.delegations.all()
    azerbaijan, kazakhstan = delegations[0].id, delegations[1].id
    await people(
        app,
        fake,
        {
            3001: (Role.DELEGATE, azerbaijan),
            3002: (Role.DELEGATE, azerbaijan),
            3003: (Role.DELEGATE, kazakhstan),
            3004: Role.PRESS,
            3005: Role.GUEST,
        },
    )
    organiser = fake.user(ORGANISER, language_code="en")
    entities = [
        {"type": "bold", "offset": 0, "length": 6},
        {"type": "italic", "offset": 7, "length": 4},
    ]
    question = await compose(
        organiser, formatted(organiser, "Update: hall B at 14:00 <ok>", entities)
    )
    shown = await confirm(
        organiser, question, "A delegation…", "Azerbaijan Red Crescent Society (2)"
    )
    assert shown["preview"]["entities"][0]["type"] == "bold"
    assert "2 recipients" in text_of(shown["question"])
    report = await until(organiser, finished)
    assert "Delivered: 2" in report["text"]
    assert "Unreachable (blocked the bot or deleted the account): 0" in report["text"]
    assert "reply_markup" not in report, "no cancel button once it is over"

    for user_id in (3001, 3002):
        got = fake.user(user_id).messages
        assert [m["text"] for m in got] == ["Update: hall B at 14:00 <ok>"]
        assert [e["type"] for e in got[0]["entities"]] == ["bold", "italic"]
    for user_id in (3003, 3004, 3005):
        assert fake.user(user_id).messages == []
    assert sends_to(fake)[ORGANISER] == 4  # prompt, question (edited), preview, confirm

    await organiser.send("/broadcasts")
    listing = await organiser.receive()
    assert (
        "#1 · Fri, 5 September 09:00 · the delegation Azerbaijan Red Crescent Society"
        in (listing["text"])
    )
    assert "delivered 2, unreachable 0, failed 0, not sent 0" in listing["text"]
    assert "Update: hall B at 14:00 <ok>" in listing["text"]


async def test_faults_end_in_a_correct_report(fake: FakeBotAPI, app: App) -> None:
    recipients = {4000 + n: Role.PRESS for n in range(12)}
    await people(app, fake, recipients)
    fake.block(4001)  # blocked the bot long ago: 403
    fake.deactivate(4002)  # deleted account: 403
    fake.fail_next(None, status=500, count=5, chat_id=4003)  # fails every attempt
    fake.fail_next(None, status=502, chat_id=4004)  # fails once, then goes
    fake.fail_next(None, status=429, retry_after=1, chat_id=4005)  # flood control: pause
    organiser = fake.user(ORGANISER, language_code="en")
    question = await compose(organiser, "Press conference moved to 15:00")
    await confirm(organiser, question, "Press")
    report = await until(organiser, finished)
    assert "Delivered: 9" in report["text"]
    assert "Unreachable (blocked the bot or deleted the account): 2" in report["text"]
    assert "Failed after retries: 1" in report["text"]

    delivered = sends_to(fake)
    assert all(
        delivered[user_id] == 1 for user_id in recipients if user_id not in (4001, 4002, 4003)
    )
    statuses = Counter(
        (call.params["chat_id"], call.status) for call in fake.calls_to("sendMessage")
    )
    assert statuses[(4003, 500)] == 3, "a 5xx is retried up to DELIVERY_MAX_ATTEMPTS times"
    assert statuses[(4004, 502)] == statuses[(4004, 200)] == 1
    assert statuses[(4005, 429)] == statuses[(4005, 200)] == 1
    resumed = min(
        c.at
        for c in fake.calls_to("sendMessage")
        if c.params["chat_id"] == 4005 and c.status == 200
    )
    paused_at = next(c.at for c in fake.calls_to("sendMessage") if c.status == 429)
    assert resumed - paused_at >= 0.95, "429 retry_after pauses the sending"


async def test_cancel_stops_the_rest(fake: FakeBotAPI, app: App) -> None:
    await people(app, fake, {5000 + n: Role.PRESS for n in range(90)})  # 3 s at 30/s
    organiser = fake.user(ORGANISER, language_code="en")
    question = await compose(organiser, "Dinner is at 19:00")
    await confirm(organiser, question, "Press")
    await until(organiser, lambda m: "Sending… sent" in text_of(m) and "sent 0," not in text_of(m))
    await organiser.send("/broadcasts")
    listing = await until(organiser, lambda m: "Recent broadcasts" in text_of(m))
    assert "sending" in listing["text"]
    query = await organiser.press(listing, "⏹ Cancel #1")
    answer = await organiser.wait_answer(query)
    assert answer["text"].startswith("Cancelled:")
    report = await until(organiser, finished)
    assert "Cancelled;" in report["text"]
    await asyncio.sleep(0.2)  # a message in flight at the cancel may still land
    sent_then = sum(1 for e in fake.sent_log if 5000 <= e.chat_id < 5090)
    await asyncio.sleep(0.5)
    sent_now = sum(1 for e in fake.sent_log if 5000 <= e.chat_id < 5090)
    assert sent_now == sent_then < 90
    query = await organiser.press(listing, "⏹ Cancel #1")
    assert "not running" in (await organiser.wait_answer(query))["text"]


async def test_a_photo_goes_out_with_its_caption(fake: FakeBotAPI, app: App) -> None:
    await people(app, fake, {6001: Role.PRESS, 6002: Role.PRESS})
    organiser = fake.user(ORGANISER, language_code="en")
    # The organiser's photo must exist on "Telegram": have the bot upload one first.
    uploaded = await app.bot.send_photo(ORGANISER, _png(), caption="seed")
    await organiser.receive()
    file_id = uploaded.photo[-1].file_id
    photo_message = {
        "message_id": 600,
        "from": organiser.user,
        "chat": organiser.chat,
        "date": int(time.time()),
        "photo": [{"file_id": file_id, "file_unique_id": "x", "width": 1, "height": 1}],
        "caption": "Family photo at 13:00",
        "caption_entities": [{"type": "bold", "offset": 0, "length": 12}],
    }
    question = await compose(organiser, photo_message)
    shown = await confirm(organiser, question, "Press")
    assert "photo" in shown["preview"]
    await until(organiser, finished)
    for user_id in (6001, 6002):
        (got,) = fake.user(user_id).messages
        assert got["photo"][0]["file_id"] == file_id
        assert got["caption"] == "Family photo at 13:00"
        assert got["caption_entities"][0]["type"] == "bold"


async def test_blocking_the_bot_marks_unreachable_at_once_and_coming_back_undoes_it(
    fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    await people(app, fake, {7001: Role.PRESS, 7002: Role.PRESS})
    leaver = fake.user(7001)
    leaver.blocks_bot()
    for _ in range(100):
        if await app.store.outbox.is_unreachable(7001):
            break
        await asyncio.sleep(0.02)
    organiser = fake.user(ORGANISER, language_code="en")
    await confirm(organiser, await compose(organiser, "First"), "Press")
    report = await until(organiser, finished)
    assert "Delivered: 1" in report["text"]
    assert "Unreachable (blocked the bot or deleted the account): 1" in report["text"]
    assert not [c for c in fake.calls_to("sendMessage") if c.params["chat_id"] == 7001]

    leaver.restarts_bot()
    for _ in range(100):
        if not await app.store.outbox.is_unreachable(7001):
            break
        await asyncio.sleep(0.02)
    await confirm(organiser, await compose(organiser, "Second"), "Press")
    assert "Delivered: 2" in (await until(organiser, finished))["text"]
    assert [m["text"] for m in leaver.messages] == ["Second"]


async def test_empty_audience_bad_content_and_discard_change_nothing(
    fake: FakeBotAPI, app: App
) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    question = await compose(organiser, "Hello")
    query = await organiser.press(question, "Press")
    assert (await organiser.wait_answer(query))["text"] == "Nobody is in this audience yet."
    await organiser.press(question, "✖ Discard")
    assert (await organiser.receive())["text"] == "Broadcast discarded: nothing was sent."
    query = await organiser.press(question, data=ComposeCb(action=ComposeAction.CHOOSE).pack())
    assert "no longer open" in (await organiser.wait_answer(query))["text"]

    await organiser.send("/broadcast")
    await organiser.receive()
    sticker = {
        "message_id": 700,
        "from": organiser.user,
        "chat": organiser.chat,
        "date": int(time.time()),
        "sticker": {
            "file_id": "s",
            "file_unique_id": "s",
            "type": "regular",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
        },
    }
    fake.push_update({"message": sticker})
    assert "A broadcast is text" in (await organiser.receive())["text"]
    await organiser.send("/cancel")
    assert (await organiser.receive())["text"] == "Broadcast discarded: nothing was sent."
    assert await app.store.broadcasts.recent(5) == []


async def test_only_organisers_broadcast_or_cancel(fake: FakeBotAPI, app: App) -> None:
    await people(app, fake, {8001: Role.PRESS, 8002: Role.PRESS})
    guest = fake.user(8003, language_code="en")
    for command in ("/broadcast", "/broadcasts"):
        await guest.send(command)
        assert (await guest.receive())["text"] == "Only organisers can send broadcasts."
    organiser = fake.user(ORGANISER, language_code="en")
    question = await compose(organiser, "Internal note")
    await organiser.press(question, "Press")
    await organiser.receive()
    await organiser.receive()
    send_question = await organiser.receive()
    query = await guest.press(send_question, "✅ Send")
    refusal = await guest.wait_answer(query)
    assert refusal["text"] == "Only organisers can send or cancel broadcasts."
    query = await guest.press(send_question, data="bcs:cancel:1")
    assert (await guest.wait_answer(query))["text"] == refusal["text"]
    await asyncio.sleep(0.2)
    assert await app.store.broadcasts.recent(5) == []
    assert fake.user(8001).messages == []


def _png() -> Any:
    from aiogram.types import BufferedInputFile

    data = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
    )
    return BufferedInputFile(data, filename="p.png")


async def test_a_long_announcement_is_taken_and_an_over_long_one_refused(
    fake: FakeBotAPI, app: App
) -> None:
    organiser = fake.user(ORGANISER, language_code="en")
    await compose(organiser, "Long announcement. " * 105)  # ~2,000 characters
    await organiser.send("/cancel")
    await organiser.receive()
    await organiser.send("/broadcast")
    await organiser.receive()
    await organiser.send("x" * 3600)
    refusal = text_of(await organiser.receive())
    assert refusal.startswith("Your message is 3600 characters long; the limit here is 3500.")


async def test_a_send_button_under_an_older_draft_sends_nothing(fake: FakeBotAPI, app: App) -> None:
    await people(app, fake, {ORGANISER: Role.ORGANISER, 7001: Role.GUEST})
    organiser = fake.user(ORGANISER, language_code="en")
    first = await compose(organiser, "Draft A: coffee at 11")
    await organiser.press(first, "Everyone")
    confirm_a = await until(organiser, lambda m: "Send it?" in text_of(m))
    second = await compose(organiser, "Draft B: hall changed to B")
    await organiser.press(second, "Organisers")
    await until(organiser, lambda m: "Send it?" in text_of(m))
    query = await organiser.press(confirm_a, "✅ Send")
    answer = await organiser.wait_answer(query)
    assert answer["text"].startswith("This draft is no longer open.")
    assert fake.chat_messages(7001) == []
    assert await app.store.broadcasts.recent(10) == []


async def test_every_button_is_answered_once_and_forged_ids_are_out_of_date(
    fake: FakeBotAPI, app: App
) -> None:
    """Buttons are answered by one answerer, the form's included (a second answer is a
    400 from Telegram); ids past 64 bits in a button are «out of date», never a crash."""
    await people(app, fake, {9001: Role.PRESS})
    organiser = fake.user(ORGANISER, language_code="en")
    question = await compose(organiser, "Coffee at 11")
    await organiser.press(question, "A delegation…")
    delegations = await organiser.receive()
    await organiser.press(delegations, "« Audiences")
    question = await organiser.receive()
    await confirm(organiser, question, "Press")
    await until(organiser, finished)
    for forged in (
        "bcs:cancel:99999999999999999999999",
        "bc:a:one:99999999999999999999999:",
        f"bcs:cancel:{-(2**63) - 1}",
    ):
        query = await organiser.press(question, data=forged)
        assert (await organiser.wait_answer(query))["text"].startswith("This button is out of date")
    answers = fake.calls_to("answerCallbackQuery")
    assert [call.status for call in answers] == [200] * len(answers)
    ids = Counter(call.params["callback_query_id"] for call in answers)
    assert set(ids.values()) == {1}, "one answer per pressed button"
    assert len(ids) == 7  # delegations, « Audiences, Press, Send and the three forged
