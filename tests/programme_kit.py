"""What the programme-change tests share: opening «✏️ Change», reading the store, ticking."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from bot.app import App
from bot.store.holder import Store
from tests.clock import ManualClock
from tests.fake_bot_api import FakeBotAPI, FakeUser
from tests.fake_bot_api.server import Files, Handler, JSONDict, _Chat
from tests.test_reminders import open_session, tick

ORGANISER = 900001
Message = dict[str, Any]
CHANGE = {"en": "✏️ Change", "ru": "✏️ Изменить"}


def language(user: FakeUser) -> str:
    return str(user.user.get("language_code") or "ru")


async def change_menu(organiser: FakeUser, day: str, time: str) -> Message:
    """/agenda → day → session → «✏️ Change»: the menu, in place of the session page."""
    page = await open_session(organiser, day, time)
    await organiser.press(page, CHANGE[language(organiser)])
    menu = await organiser.receive()
    assert menu["message_id"] == page["message_id"]
    return menu


async def session_id(store: Store, key: str) -> int:
    found = [s.id for s in await store.programme.sessions() if s.key == key]
    assert found, key
    return found[0]


async def pending_records(store: Store) -> int:
    rows = await store.db.execute_fetchall(
        "SELECT count(*) FROM session_changes WHERE handled_at IS NULL"
    )
    return int(rows[0][0])


async def rest(app: App, clock: ManualClock, minutes: float = 4) -> None:
    """The bot notices the change records, then they rest for the quiet period."""
    await tick(app)
    clock.advance(dt.timedelta(minutes=minutes))
    await tick(app)


async def send(user: FakeUser, text: str) -> Message:
    await user.send(text)
    return await user.receive()


async def press(user: FakeUser, message: Message, button: str) -> Message:
    await user.press(message, button)
    return await user.receive()


async def alert_of(user: FakeUser, message: Message, *, data: str) -> str:
    """Press a (forged) button; the alert it was answered with."""
    query = await user.press(message, data=data)
    answer = await user.wait_answer(query)
    assert answer.get("show_alert") is True, answer
    return str(answer.get("text", ""))


class GroupsFakeBotAPI(FakeBotAPI):
    """The fake Bot API with groups where the bot is (or is not) an admin: answers
    ``getChatMember`` for the bot, and lets a member delete one of the bot's messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.admin_in: set[int] = set()

    def _method_table(self) -> dict[str, Handler]:
        return {**super()._method_table(), "getChatMember": self._get_chat_member}

    async def _get_chat_member(self, params: JSONDict, files: Files) -> JSONDict:
        chat_id, user_id = params.get("chat_id"), params.get("user_id")
        self._chat(chat_id)  # «chat not found» for a chat the bot was never in
        if user_id != self.bot_id or chat_id not in self.admin_in:
            return {"status": "member", "user": {"id": user_id, "is_bot": False, "first_name": "M"}}
        rights = (
            "can_be_edited",
            "is_anonymous",
            "can_manage_chat",
            "can_delete_messages",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_promote_members",
            "can_change_info",
            "can_invite_users",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
            "can_send_welcome_messages",
        )
        return {"status": "administrator", "user": self.bot_user, **dict.fromkeys(rights, False)}

    def group(self, chat_id: int, title: str = "Press room") -> JSONDict:
        chat: JSONDict = {"id": chat_id, "type": "supergroup", "title": title}
        self._chats.setdefault(chat_id, _Chat(chat))
        return chat

    def say_in(self, chat: JSONDict, user: FakeUser, text: str) -> None:
        message: JSONDict = {
            "message_id": self._chats[chat["id"]].take_id(),
            "from": user.user,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        self.push_update({"message": message})

    def delete_by_member(self, chat_id: int, message_id: int) -> None:
        del self._chats[chat_id].messages[message_id]
