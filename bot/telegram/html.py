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
    pieces = _Pieces(limit)
    for token in _TOKEN.findall(text):
        pieces.add(token)
    return pieces.finish()


class _Pieces:
    """The pieces cut so far, the one being filled and the tags open in it."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._pages: list[str] = []
        self._open_tags: list[tuple[str, str]] = []  # (name, opening tag as written)
        self._current = ""

    def add(self, token: str) -> None:
        while len(self._current) + len(token) + len(self._closing()) > self._limit:
            token = self._cut(token)
        self._current += token
        self._track(token)

    def finish(self) -> list[str]:
        if self._current or not self._pages:
            self._pages.append(self._current)
        return self._pages

    def _cut(self, token: str) -> str:
        """End the current piece with as much of ``token`` as fits; return the rest of it.

        Only text is cut; a tag or an entity moves whole to the next piece.
        """
        room = self._limit - len(self._current) - len(self._closing())
        head = ""
        if not token.startswith(("<", "&")) and room > 0:
            cut = max(token.rfind("\n", 0, room + 1), token.rfind(" ", 0, room + 1))
            cut = cut if cut > 0 else room
            head, token = token[:cut], token[cut:].lstrip(" ")
        elif self._current == self._reopening():
            raise ValueError(f"markup alone does not fit into {self._limit} characters")
        self._pages.append(self._current + head + self._closing())
        self._current = self._reopening()
        return token

    def _track(self, token: str) -> None:
        """Keep the stack of open tags up to date after ``token``."""
        name = _TAG_NAME.match(token) if token.startswith("<") else None
        if name is None:
            return
        tag = name.group(1).lower()
        if token.startswith("</"):
            if self._open_tags and self._open_tags[-1][0] == tag:
                self._open_tags.pop()
        elif not token.endswith("/>"):
            self._open_tags.append((tag, token))

    def _closing(self) -> str:
        return "".join(f"</{name}>" for name, _ in reversed(self._open_tags))

    def _reopening(self) -> str:
        return "".join(tag for _, tag in self._open_tags)


def shorten(text: str, limit: int) -> str:
    """Plain text cut to ``limit`` characters with an ellipsis (for buttons and captions)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS
