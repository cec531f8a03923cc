"""An announcement typed as HTML, checked against what Telegram's HTML parse mode takes.

Chat's composer gets its HTML from Telegram itself (the entities of the organiser's
message), so it is always well formed; on the web the organiser types it. It is refused
here, before anything is stored, unless it is what Telegram accepts: its tags only, closed
in order, ``href`` to web or Telegram links, the four named entities, and the visible text
within chat's bound (``limits.ANNOUNCEMENT``, not empty, not a command). The preview shows
the same HTML, which after this check can hold no script, style or attribute of the page's.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from bot.telegram import limits

TAGS = frozenset(
    [
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
    ]
)
ATTRIBUTES = {"a": {"href"}, "span": {"class"}, "code": {"class"}, "blockquote": {"expandable"}}
ENTITIES = frozenset(("&lt;", "&gt;", "&amp;", "&quot;"))
LINK = re.compile(r"^(https?://|tg://|mailto:)[^\s\"'<>]+$", re.IGNORECASE)
MARKUP_LIMIT = 4 * limits.ANNOUNCEMENT
"""Tags included: generous for formatting, bounded so a page of markup is refused."""

_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+|[<&]")
_TAG = re.compile(r"^<(/?)([a-zA-Z][\w-]*)((?:\s+[a-z-]+(?:=(?:\"[^\"]*\"|'[^']*'))?)*)\s*>$")
_ATTRIBUTE = re.compile(r"([a-z-]+)(?:=(?:\"([^\"]*)\"|'([^']*)'))?")


class AnnouncementError(ValueError):
    """Why the text cannot be sent: ``problem`` names a text, ``detail`` what was found."""

    def __init__(self, problem: str, detail: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Announcement:
    html: str
    visible_length: int


def check_announcement(text: str) -> Announcement:
    """The announcement as it will be sent, or ``AnnouncementError``."""
    value = text.replace("\r\n", "\n").strip()
    if len(value) > MARKUP_LIMIT:
        raise AnnouncementError("announcement_too_long", str(len(value)))
    visible = _visible(value)
    if not visible.strip():
        raise AnnouncementError("announcement_empty")
    if visible.lstrip().startswith("/"):
        raise AnnouncementError("input_command")
    if len(visible) > limits.ANNOUNCEMENT:
        raise AnnouncementError("announcement_too_long", str(len(visible)))
    return Announcement(value, len(visible))


def _visible(value: str) -> str:
    """The text a recipient reads; every tag and entity checked on the way."""
    open_tags: list[str] = []
    parts: list[str] = []
    for token in _TOKEN.findall(value):
        if token in ("<", "&"):
            raise AnnouncementError("announcement_bare", token)
        if token.startswith("<"):
            _tag(token, open_tags)
        elif token.startswith("&"):
            parts.append(_entity(token))
        else:
            parts.append(token)
    if open_tags:
        raise AnnouncementError("announcement_unclosed", open_tags[-1])
    return "".join(parts)


def _tag(token: str, open_tags: list[str]) -> None:
    match = _TAG.match(token)
    if match is None:
        raise AnnouncementError("announcement_tag", token)
    closing, name, attributes = match[1] == "/", match[2].lower(), match[3]
    if name not in TAGS:
        raise AnnouncementError("announcement_tag", token)
    if closing:
        if attributes.strip() or not open_tags or open_tags[-1] != name:
            raise AnnouncementError("announcement_order", token)
        open_tags.pop()
        return
    for attribute, double, single in _ATTRIBUTE.findall(attributes):
        _attribute(name, attribute, double or single, token)
    if name == "a" and "href" not in attributes:
        raise AnnouncementError("announcement_link", token)
    open_tags.append(name)


def _attribute(tag: str, name: str, value: str, token: str) -> None:
    if name not in ATTRIBUTES.get(tag, set()):
        raise AnnouncementError("announcement_tag", token)
    if tag == "a" and not LINK.match(html.unescape(value)):
        raise AnnouncementError("announcement_link", token)
    if tag == "span" and value != "tg-spoiler":
        raise AnnouncementError("announcement_tag", token)
    if tag == "code" and not re.fullmatch(r"language-[\w+#-]{1,30}", value):
        raise AnnouncementError("announcement_tag", token)


def _entity(token: str) -> str:
    if token.startswith("&#"):
        digits = token[2:-1]
        number = int(digits[1:], 16) if digits[:1] in "xX" and digits[1:] else None
        if number is None and digits.isdigit():
            number = int(digits)
        if number is None or not 0 < number <= 0x10FFFF:
            raise AnnouncementError("announcement_entity", token)
        return chr(number)
    if token not in ENTITIES:
        raise AnnouncementError("announcement_entity", token)
    return html.unescape(token)


def shown(text: str) -> Markup:
    """The announcement's HTML for the page when it passes the check (chat's, from Telegram's
    entities, always does), else its text escaped: nothing else reaches the page as markup."""
    try:
        return Markup(check_announcement(text).html)
    except AnnouncementError:
        return escape(text)
