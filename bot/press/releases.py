"""Press releases: who may read what when, publishing, and the push.

Visibility always follows the injected clock. The push (announcing a new release, lifting
an embargo, and the daily summaries through the summaries feature) runs from
:meth:`PressPublishing.run_due`, which is idempotent: the outbox ignores a message it
already holds, and each release is marked once it has been handed over. Publishing from
chat is one unit of work: the release and its notices are stored together or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

from bot.content.models import LANGUAGES
from bot.forms.input import BODY, TITLE, Bounds, InputRejectedError, Problem
from bot.press.accreditation import AccreditationService
from bot.press.notify import PressNotifier
from bot.press.values import EmbargoChannel, PressRelease, Version, in_languages
from bot.store.holder import Store
from bot.summaries.service import SummaryService
from bot.time.clock import Clock
from bot.users.access import require_organiser
from bot.users.values import User

LONGEST_EMBARGO = dt.timedelta(days=14)


def _versions(first: Version, translation: Version | None) -> list[Version]:
    """The versions with their text bounded (``InputRejectedError``); ``ValueError`` for a
    language the bot does not speak, one given twice, or a translation of a text whose
    language is unknown (``first.language`` empty: shown as written in every language)."""
    versions = [first, *([translation] if translation else [])]
    languages = [version.language for version in versions]
    if (not first.language and translation) or (
        first.language and (len(set(languages)) < len(languages) or set(languages) - {*LANGUAGES})
    ):
        raise ValueError(f"a release takes one version per language the bot speaks: {languages}")
    return [Version(v.language, _bounded(v.title, TITLE), _bounded(v.body, BODY)) for v in versions]


def _bounded(text: str, bounds: Bounds) -> str:
    """Not empty and within the upper bound, from whichever caller (the chat's form holds
    the lower bound too, with a message saying what to send instead)."""
    value = text.strip()
    if not value:
        raise InputRejectedError(Problem.EMPTY, bounds)
    if len(value) > bounds.high:
        raise InputRejectedError(Problem.TOO_LONG, bounds)
    return value


class PressPublishing:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        accreditation: AccreditationService,
        notify: PressNotifier,
        summaries: SummaryService,
    ) -> None:
        self._store = store
        self._clock = clock
        self._accreditation = accreditation
        self._notify = notify
        self._summaries = summaries

    def now(self) -> dt.datetime:
        return self._clock.now()

    async def releases_for(self, user_id: int) -> list[PressRelease]:
        """Newest first; accredited journalists see embargoed releases early."""
        early = await self._accreditation.is_accredited(user_id)
        return await self._store.press_releases.published(self.now(), include_embargoed=early)

    async def release_for(self, user_id: int, release_id: int) -> PressRelease | None:
        """The release if this user may read it now; None hides an embargoed one entirely."""
        release = await self._store.press_releases.get(release_id)
        now = self.now()
        if release is None or release.published_at > now:
            return None
        if release.embargoed(now) and not await self._accreditation.is_accredited(user_id):
            return None
        return release

    async def hand_over(
        self,
        user: User,
        release_id: int,
        channel: EmbargoChannel,
        send: Callable[[], Awaitable[object]],
    ) -> PressRelease | None:
        """Sends ``user`` a document of the release if they may read it now (else None).

        While the release is embargoed the download is recorded in the same transaction
        as the send: a send that fails records nothing, and every record stands for a
        document sent. Only these few downloads hold the store for an upload.
        """
        release = await self.release_for(user.id, release_id)
        if release is None:
            return None
        if not release.embargoed(self.now()):
            await send()
            return release
        async with self._store.transaction():
            await self._store.embargo_log.record(release, [user.id], channel, self.now())
            await send()
        return release

    async def publish_release(
        self,
        user: User,
        draft: str,
        title: str,
        body: str,
        embargo_until: dt.datetime | None,
        *,
        language: str | None = None,
        translation: Version | None = None,
    ) -> PressRelease:
        """Publishes the draft once (the draft id is the key) with its notices, together
        with anything else due by now, so a release never overtakes an older one.

        ``title`` and ``body`` are in ``language`` (None: unknown, shown as written in
        both); ``translation`` is the other language's version, if the organiser wrote one.
        Text, languages and embargo are checked here too, whoever calls.
        """
        require_organiser(user)
        versions = _versions(Version(language or "", title, body), translation)
        now = self.now()
        if embargo_until is not None and not now < embargo_until <= now + LONGEST_EMBARGO:
            raise ValueError("the embargo must end in the future, within 14 days")
        async with self._store.transaction():
            release = await self._store.press_releases.add_from_chat(
                f"chat:{draft}",
                in_languages(versions, "title"),
                in_languages(versions, "body"),
                now,
                embargo_until,
                tuple(v.language for v in versions if v.language),
            )
            await self.run_due()
        return release

    async def run_due(self) -> None:
        """Everything due by now: new releases, lifted embargoes, unsent summaries."""
        now = self.now()
        async with self._store.transaction():
            await self.announce_due_releases(now)
            await self.release_due_embargoes(now)
            await self._summaries.push_due()

    async def announce_due_releases(self, now: dt.datetime) -> int:
        """Releases whose publication time has come (from chat or from ``load``)."""
        queued = 0
        async with self._store.transaction():
            for release in await self._store.press_releases.unannounced(now):
                queued += await self._notify.release_to_accredited(release, now)
                if release.embargo_until is None:
                    queued += await self._notify.release_to_public(release, now)
                await self._store.press_releases.mark_announced(release.id, now)
        return queued

    async def release_due_embargoes(self, now: dt.datetime) -> int:
        """Embargoes that have lifted by ``now``; running it again sends nothing new."""
        queued = 0
        async with self._store.transaction():
            for release in await self._store.press_releases.embargoes_due(now):
                queued += await self._notify.release_to_public(release, now)
                await self._store.press_releases.mark_lifted(release.id, now)
        return queued
