"""Keeping every message within Telegram's limits without cutting HTML in half."""

from __future__ import annotations

import re
from collections.abc import Iterable

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
ELLIPSIS = "…"


def paginate(blocks: Iterable[str], limit: int = MESSAGE_LIMIT, separator: str = "\n") -> list[str]:
    """Group whole blocks (lines or paragraphs, each closing its own tags) into pages.

    A block longer than a page is cut by :func:`split_html`, which keeps every piece
    valid HTML.
    """
    pages: list[str] = []
    current = ""
    for block in _fitting(blocks, limit):
        candidate = f"{current}{separator}{block}" if current else block
        if len(candidate) <= limit:
            current = candidate
            continue
        pages.append(current)
        current = block
    if current or not pages:
        pages.append(current)
    return pages


def _fitting(blocks: Iterable[str], limit: int) -> Iterable[str]:
    for block in blocks:
        if len(block) <= limit:
            yield block
        else:
            yield from split_html(block, limit)


_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+|[<&]")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][\w-]*)")


def split_html(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut HTML into pieces of at most ``limit`` characters that each parse on their own.

    Cuts fall between tags and entities, preferably at a line end or a space; tags open
    at a cut are closed before it and opened again after it.
    """
    pages: list[str] = []
    open_tags: list[tuple[str, str]] = []
    current = ""

    def closing() -> str:
        return "".join(f"</{name}>" for name, _ in reversed(open_tags))

    def reopening() -> str:
        return "".join(tag for _, tag in open_tags)

    for token in _TOKEN.findall(text):
        while len(current) + len(token) + len(closing()) > limit:
            room = limit - len(current) - len(closing())
            head = ""
            if not token.startswith(("<", "&")) and room > 0:
                cut = max(token.rfind("\n", 0, room + 1), token.rfind(" ", 0, room + 1))
                cut = cut if cut > 0 else room
                head, token = token[:cut], token[cut:].lstrip(" ")
            elif current == reopening():
                raise ValueError(f"markup alone does not fit into {limit} characters")
            pages.append(current + head + closing())
            current = reopening()
        current += token
        if token.startswith("<"):
            name = _TAG_NAME.match(token)
            if name and token.startswith("</"):
                if open_tags and open_tags[-1][0] == name.group(1).lower():
                    open_tags.pop()
            elif name and not token.endswith("/>"):
                open_tags.append((name.group(1).lower(), token))
    if current or not pages:
        pages.append(current)
    return pages


def shorten(text: str, limit: int) -> str:
    """Plain text cut to ``limit`` characters with an ellipsis (for buttons and captions)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS
