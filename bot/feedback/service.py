"""Feedback on sessions: ask a session's followers once it ends, take one rating each.

The timed job (``bot/feedback/jobs.py``) calls ``ask_followers``; the people answer with
the buttons of that one message. A rating counts once per person and session, and only
from someone who was asked; an opt-out stops every later question and the survey.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from bot.delivery.notify import Notifier
from bot.feedback.notices import FeedbackNotices
from bot.feedback.values import (
    COMMENT,
    LATE_LIMIT,
    RATINGS,
    SHOWN_COMMENTS,
    CommentOutcome,
    RateOutcome,
    SessionResults,
)
from bot.forms.input import clean
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import require_organiser
from bot.users.values import User

KIND = "feedback"


class FeedbackService:
    def __init__(
        self, store: Store, clock: Clock, notifier: Notifier, notices: FeedbackNotices
    ) -> None:
        self._store = store
        self._clock = clock
        self._notifier = notifier
        self._notices = notices

    async def ask_followers(self, session_id: int) -> int:
        """Ask the followers of a session that has ended, once; how many were asked.

        The round, who was asked and the queued messages commit together.
        """
        session = await self._store.programme.session(session_id)
        now = self._clock.now()
        if session is None or session.ends_at > now:
            return 0  # removed, or moved later: the planner has it again
        if now - session.ends_at > LATE_LIMIT:
            return 0  # the job ran late (a paused process): the moment has passed
        async with self._store.transaction():
            user_ids = await self._store.feedback.followers_to_ask(session_id)
            if not await self._store.feedback.record_round(session_id, user_ids, now):
                return 0
            if user_ids:
                await self._notifier.notify(
                    user_ids,
                    kind=KIND,
                    key=f"session:{session_id}",
                    render=self._notices.rating_request(session),
                )
        return len(user_ids)

    async def rate(self, user: User, session_id: int, rating: int) -> RateOutcome:
        """One rating of a session the person was asked about; a second changes nothing."""
        if rating not in RATINGS:
            return RateOutcome.NOT_ASKED
        async with self._store.transaction():
            if not await self._store.feedback.was_asked(session_id, user.id):
                return RateOutcome.NOT_ASKED
            if not await self._store.feedback.rate(session_id, user.id, rating, self._now()):
                return RateOutcome.AGAIN
        return RateOutcome.SAVED

    async def rating(self, user: User, session_id: int) -> tuple[int, bool] | None:
        """The person's rating of the session and whether they commented."""
        return await self._store.feedback.rating(session_id, user.id)

    async def comment(self, user: User, session_id: int, text: str) -> CommentOutcome:
        """An optional comment to one's rating; ``InputRejectedError`` for bad text."""
        cleaned = clean(text, COMMENT, multiline=True)
        async with self._store.transaction():
            found = await self._store.feedback.rating(session_id, user.id)
            if found is None:
                return CommentOutcome.NOT_RATED
            if not await self._store.feedback.comment(session_id, user.id, cleaned):
                return CommentOutcome.ALREADY
        return CommentOutcome.SAVED

    async def opt_out(self, user: User) -> bool:
        """No more feedback questions nor the survey; False if off already."""
        return await self._store.feedback.opt_out(user.id, self._now())

    async def opt_in(self, user: User) -> bool:
        return await self._store.feedback.opt_in(user.id)

    async def opted_out(self, user: User) -> bool:
        return await self._store.feedback.opted_out(user.id)

    async def results(self, actor: User) -> list[SessionResults]:
        """Every rated session in programme order: count, average, stars, latest comments."""
        require_organiser(actor)
        stars: dict[int, Counter[int]] = defaultdict(Counter)
        for session_id, rating, count in await self._store.feedback.rating_counts():
            stars[session_id][rating] = count
        comments: dict[int, list[str]] = defaultdict(list)
        for session_id, comment in await self._store.feedback.comments():
            comments[session_id].append(comment)
        results = []
        for session in await self._store.programme.sessions():
            if session.id not in stars:
                continue
            said = comments[session.id]
            distribution = tuple(stars[session.id][rating] for rating in RATINGS)
            results.append(
                SessionResults(
                    session.id,
                    session.title,
                    distribution,
                    tuple(said[:SHOWN_COMMENTS]),
                    len(said),
                )
            )
        return results

    def _now(self) -> dt.datetime:
        return self._clock.now()
