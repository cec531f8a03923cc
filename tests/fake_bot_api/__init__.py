"""A fake Telegram Bot API for tests and benchmarks; see ``server.FakeBotAPI``."""

from .html_entities import HTMLParseError, parse_html, utf16_len
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
    "TelegramError",
    "parse_html",
    "utf16_len",
]
