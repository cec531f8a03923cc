"""Simulated Telegram users who talk to the bot through a FakeBotAPI.

A test drives a conversation the way a person would — send text, press a button, read what
the bot answered — and waits on events instead of sleeping, so tests are fast and not flaky.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from .html_entities import utf16_len

if TYPE_CHECKING:
    from .server import FakeBotAPI

__all__ = ["FakeUser"]

JSONDict = dict[str, Any]


class FakeUser:
    """A user with a private chat with the bot (``chat.id == user id``).

    Created by ``FakeBotAPI.user()``; every bot message or edit in the chat becomes an
    event that ``receive()`` returns in order.
    """

    def __init__(
        self,
        fake: FakeBotAPI,
        user_id: int,
        *,
        first_name: str = "Test",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "ru",
    ) -> None:
        self.fake = fake
        self.id = user_id
        self.user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        self.chat: JSONDict = {"id": user_id, "type": "private", "first_name": first_name}
        if last_name is not None:
            self.user["last_name"] = self.chat["last_name"] = last_name
        if username is not None:
            self.user["username"] = self.chat["username"] = username
        if language_code is not None:
            self.user["language_code"] = language_code
        self.events: list[JSONDict] = []
        self.answers: list[JSONDict] = []
        self._cursor = 0
        self._event_signal = asyncio.Event()
        self._answer_signal = asyncio.Event()

    def __repr__(self) -> str:
        return f"FakeUser(id={self.id}, first_name={self.user['first_name']!r})"

    # ------------------------------------------------------------------ acting

    async def send(self, text: str) -> JSONDict:
        """Send a text message to the bot; ``/command`` gets its bot_command entity."""
        state = self.fake._chats[self.id]
        message: JSONDict = {
            "message_id": state.take_id(),
            "from": self.user,
            "chat": self.chat,
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        self.fake.push_update({"message": message})
        return message

    async def press(
        self, message: JSONDict, button_text: str | None = None, *, data: str | None = None
    ) -> str:
        """Press an inline button of a bot message; returns the callback query id.

        The button is looked up by exact text in the message as it is *now* (a button
        removed by an edit cannot be pressed). ``data`` skips the lookup and sends any
        callback data — how tests forge stale or malicious presses (even on a deleted
        message, which then appears as passed in).
        """
        chat_id = message["chat"]["id"]
        message_id = message["message_id"]
        state = self.fake._chats.get(chat_id)
        current = None if state is None else state.messages.get(message_id)
        if current is None:
            if data is None:
                raise AssertionError(
                    f"message {message_id} in chat {chat_id} does not exist (deleted?)"
                )
            current = message  # a forged press on a stale message is allowed
        if data is None:
            if button_text is None:
                raise AssertionError("press() needs button_text or data=")
            buttons = [
                button
                for row in current.get("reply_markup", {}).get("inline_keyboard", [])
                for button in row
            ]
            found = next((b for b in buttons if b.get("text") == button_text), None)
            if found is None:
                available = [b.get("text") for b in buttons]
                raise AssertionError(
                    f"no inline button {button_text!r} in message {message_id}; "
                    f"available: {available!r}; text: {current.get('text', '')[:200]!r}"
                )
            if "callback_data" not in found:
                raise AssertionError(f"button {button_text!r} is not a callback button: {found}")
            data = found["callback_data"]
        query_id = f"{self.id}{self.fake._next_token():08d}"
        self.fake.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self.user,
                    "message": current,
                    "chat_instance": str(-(abs(chat_id) * 7919 + 13)),
                    "data": data,
                }
            }
        )
        return query_id

    def block(self) -> None:
        """Block the bot silently (no update), like a user who blocked it long ago."""
        self.fake.block(self.id)

    def unblock(self) -> None:
        """Undo ``block`` silently."""
        self.fake.unblock(self.id)

    def blocks_bot(self) -> int:
        """Block the bot and queue the my_chat_member update Telegram sends for it."""
        self.fake.block(self.id)
        return self._push_member_change("member", "kicked")

    def restarts_bot(self) -> int:
        """Unblock the bot and queue the my_chat_member update (no /start is sent)."""
        self.fake.unblock(self.id)
        return self._push_member_change("kicked", "member")

    def _push_member_change(self, old: str, new: str) -> int:
        def member(status: str) -> JSONDict:
            entry: JSONDict = {"status": status, "user": self.fake.bot_user}
            if status == "kicked":
                entry["until_date"] = 0
            return entry

        return self.fake.push_update(
            {
                "my_chat_member": {
                    "chat": self.chat,
                    "from": self.user,
                    "date": int(time.time()),
                    "old_chat_member": member(old),
                    "new_chat_member": member(new),
                }
            }
        )

    # ---------------------------------------------------------------- observing

    @property
    def messages(self) -> list[JSONDict]:
        """The bot's messages in this chat, current state."""
        return self.fake.chat_messages(self.id)

    async def receive(self, timeout: float = 15.0) -> JSONDict:  # noqa: ASYNC109
        """Wait for the next bot message or edit in this chat and return it as of that event."""
        try:
            async with asyncio.timeout(timeout):
                while self._cursor >= len(self.events):
                    self._event_signal.clear()
                    await self._event_signal.wait()
        except TimeoutError:
            raise AssertionError(
                f"{self!r} got no message from the bot within {timeout}s.\n{self.dump()}"
            ) from None
        event = self.events[self._cursor]
        self._cursor += 1
        return event

    async def expect_nothing(self, wait: float = 0.3) -> None:
        """Assert the bot sends or edits nothing more in this chat within ``wait`` seconds."""
        await asyncio.sleep(wait)
        if self._cursor < len(self.events):
            unexpected = self.events[self._cursor :]
            self._cursor = len(self.events)
            shown = "\n".join(f"  {_summary(e)}" for e in unexpected)
            raise AssertionError(f"{self!r} unexpectedly received:\n{shown}")

    async def wait_answer(self, query_id: str, timeout: float = 15.0) -> JSONDict:  # noqa: ASYNC109
        """Wait until the bot answers the callback query; return the answer's params."""
        try:
            async with asyncio.timeout(timeout):
                while query_id not in self.fake.callback_answers:
                    self._answer_signal.clear()
                    await self._answer_signal.wait()
        except TimeoutError:
            raise AssertionError(
                f"callback query {query_id} was not answered within {timeout}s.\n{self.dump()}"
            ) from None
        return self.fake.callback_answers[query_id]

    def dump(self) -> str:
        """The calls the bot made into this chat — the context a failing test needs."""
        lines = [f"Calls to chat {self.id}:"]
        for call in self.fake.calls:
            if call.params.get("chat_id") != self.id:
                continue
            detail = call.response.get("description") or ""
            text = call.params.get("text") or call.params.get("caption") or ""
            lines.append(f"  {call.method} -> {call.status} {detail} {str(text)[:120]!r}")
        if len(lines) == 1:
            lines.append("  (none)")
        return "\n".join(lines)

    # ----------------------------------------------------- called by the server

    def _on_bot_event(self, message: JSONDict) -> None:
        self.events.append(message)
        self._event_signal.set()

    def _on_answer(self, query_id: str, answer: JSONDict) -> None:
        self.answers.append(answer)
        self._answer_signal.set()

    # ------------------------------------------------------------ inline mode

    async def inline(self, query: str, *, offset: str = "", chat_type: str = "sender") -> str:
        """Type ``@bot query`` in a chat: an inline_query update; returns its id."""
        query_id = f"{self.id}{self.fake._next_token():08d}"
        self.fake._expect_inline_query(query_id, self.id)
        self.fake.push_update(
            {
                "inline_query": {
                    "id": query_id,
                    "from": self.user,
                    "query": query,
                    "offset": offset,
                    "chat_type": chat_type,
                }
            }
        )
        return query_id

    async def inline_answer(self, query_id: str, timeout: float = 5.0) -> JSONDict:  # noqa: ASYNC109
        """Wait until the bot answers the inline query; return the answer as the fake
        parsed it (``results`` with each card's ``text``, ``next_offset``, ``button``)."""
        try:
            async with asyncio.timeout(timeout):
                while query_id not in self.fake.inline_answers:
                    self._answer_signal.clear()
                    await self._answer_signal.wait()
        except TimeoutError:
            raise AssertionError(
                f"inline query {query_id} was not answered within {timeout}s.\n{self.dump()}"
            ) from None
        return self.fake.inline_answers[query_id]

    def _on_inline_answer(self) -> None:
        self._answer_signal.set()


def _summary(message: JSONDict) -> str:
    kind = "edit" if "edit_date" in message else "message"
    body = message.get("text") or message.get("caption") or ""
    if "document" in message:
        body = f"[document {message['document'].get('file_name')}] {body}"
    return f"{kind} #{message['message_id']}: {body[:200]!r}"
