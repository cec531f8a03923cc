"""Matching what someone types against the meeting's texts, in either language.

Both sides are folded the same way: case (``casefold``), accents and other combining marks
(«Milošević» is found by «milosevic», Turkmen «ş», «ň», «ý» by «s», «n», «y»; in Cyrillic
«ё» reads as «е» and «й» as «и»), and everything that is not a letter or a digit becomes a
space. A record matches when every word typed occurs somewhere in its text, so the start
of a word is enough («делегац», «humanit»).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

MAX_QUERY = 256
"""Telegram's own bound on an inline query; anything longer is refused, not searched."""
MAX_TERMS = 8
"""Words of a query that count: more only narrow the result to nothing."""


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """``text`` as it is compared: lower case, no marks, words separated by one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (
        char if char.isalnum() else " " for char in decomposed if not unicodedata.combining(char)
    )
    return " ".join("".join(kept).split())


def terms(query: str) -> tuple[str, ...]:
    """The distinct folded words of a query, at most ``MAX_TERMS``, in the order typed."""
    return tuple(dict.fromkeys(fold(query).split()))[:MAX_TERMS]


def haystack(texts: Iterable[str | None]) -> str:
    """Several texts of one record as one folded string (``None`` parts left out)."""
    return " | ".join(fold(text) for text in texts if text)


def score(words: tuple[str, ...], title: str, body: str) -> int:
    """0 when a word is missing; otherwise more for each word found in the title."""
    if not all(word in title or word in body for word in words):
        return 0
    return 1 + sum(1 for word in words if word in title)
