"""Keeping every message within Telegram's limits without cutting HTML in half."""

from __future__ import annotations

from collections.abc import Iterable

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
ELLIPSIS = "…"


def paginate(blocks: Iterable[str], limit: int = MESSAGE_LIMIT, separator: str = "\n") -> list[str]:
    """Group whole blocks (lines or paragraphs, each closing its own tags) into pages.

    A block longer than a page is split at line ends, then hard at the limit; callers
    keep markup inside short lines so a hard split only ever cuts plain text.
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
            continue
        for line in block.split("\n"):
            while len(line) > limit:
                yield line[:limit]
                line = line[limit:]
            yield line


def shorten(text: str, limit: int) -> str:
    """Plain text cut to ``limit`` characters with an ellipsis (for buttons and captions)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS
