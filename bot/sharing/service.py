"""Inline search: sessions, delegations and published press releases, in ru and en.

What inline mode returns can be posted into any chat, so it holds only what anyone may
read: a release under embargo is never found, not even by an accredited journalist (they
read it in the bot). Results come a page at a time, in Telegram's offset scheme.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.models import Text
from bot.sharing.search import MAX_QUERY, fold, haystack, score, terms
from bot.sharing.values import Found, Kind, SearchPage
from bot.store.holder import Store
from bot.time.clock import Clock

PAGE_SIZE = 20
"""Results per answer; Telegram allows 50, and a short list reads better in a popup."""
MAX_OFFSET = 10_000
"""A forged offset beyond this is the end of the list, not a slice of a huge number."""


@dataclass(frozen=True, slots=True)
class _Candidate:
    found: Found
    title: str
    body: str


class SharingService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def search(self, query: str, offset: int = 0) -> SearchPage:
        """Everything matching every word of ``query``, best first: words found in a
        title rank it higher; ties keep the programme's, the list's or the newest order.
        An empty query lists everything."""
        if len(query) > MAX_QUERY:
            return SearchPage((), None, refused=True)
        words = terms(query)
        candidates = await self._candidates()
        if words:
            scored = [(score(words, c.title, c.body), i, c) for i, c in enumerate(candidates)]
            ranked = [c.found for s, _, c in sorted(scored, key=lambda t: (-t[0], t[1])) if s]
        else:
            ranked = [c.found for c in candidates]
        start = min(max(offset, 0), MAX_OFFSET)
        end = start + PAGE_SIZE
        return SearchPage(tuple(ranked[start:end]), end if end < len(ranked) else None)

    async def _candidates(self) -> list[_Candidate]:
        candidates = [
            _Candidate(
                Found(Kind.SESSION, s),
                haystack((s.title.ru, s.title.en)),
                haystack(
                    (
                        s.room.ru,
                        s.room.en,
                        *_both(s.description),
                        *(t for p in s.speakers for t in (*_both(p.name), *_both(p.role))),
                    )
                ),
            )
            for s in await self._store.programme.sessions()
        ]
        candidates += [
            _Candidate(
                Found(Kind.DELEGATION, d),
                haystack((d.name.ru, d.name.en)),
                haystack(
                    (
                        *_both(d.country),
                        *_both(d.about),
                        *(t for m in d.members for t in (*_both(m.name), *_both(m.role))),
                    )
                ),
            )
            for d in await self._store.delegations.all()
        ]
        now = self._clock.now()
        published = await self._store.press_releases.published(now, include_embargoed=False)
        candidates += [
            _Candidate(
                Found(Kind.RELEASE, r),
                haystack((r.title.ru, r.title.en)),
                fold(r.body.ru) + " | " + fold(r.body.en),
            )
            for r in published
            if not r.embargoed(now)  # the repository leaves them out; stated once more here
        ]
        return candidates


def _both(text: Text | None) -> tuple[str, ...]:
    """Both languages of an optional text."""
    return () if text is None else (text.ru, text.en)
