"""A fake Telegram Bot API for tests and benchmarks.

Typical use::

    async with FakeBotAPI() as fake:
        session = AiohttpSession(api=TelegramAPIServer.from_base(fake.url))
        ...  # start the bot with that session
        user = fake.user(1001, language_code="en")
        await user.send("/start")
        menu = await user.receive()
        await user.press(menu, "Agenda")

Out of process (benchmarks): ``python -m tests.fake_bot_api --port 0`` — see ``__main__``.
"""

from .html_entities import HTMLParseError, parse_html, utf16_len
from .pacing import SlidingLimit, max_in_window
from .server import EDIT_METHODS, SEND_METHODS, Call, FakeBotAPI, SentMessage, TelegramError
from .users import FakeUser

__all__ = [
    "EDIT_METHODS",
    "SEND_METHODS",
    "Call",
    "FakeBotAPI",
    "FakeUser",
    "HTMLParseError",
    "SentMessage",
    "SlidingLimit",
    "TelegramError",
    "max_in_window",
    "parse_html",
    "utf16_len",
]
