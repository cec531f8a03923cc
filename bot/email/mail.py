"""What the press office queues by email: releases, summaries, advisories, answers.

Called inside the operation's transaction, beside the Telegram notices of the same
event, so both channels commit together. Each letter is rendered once per language and
stored once; one outbox row per address carries the never-twice key. An embargoed
release is queued «held» when it is announced (its subject saying «EMBARGOED UNTIL …»,
the time and zone named) and let go by the embargo machinery when the embargo lifts
(``release_public``), never before.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager

from bot.content.models import Event
from bot.delivery.email_outbox import EmailOutboxRepository
from bot.delivery.notify import Render
from bot.email.texts import EmailTexts
from bot.email.values import Contact, Letter, Topic
from bot.press.advisory import AdvisoryService
from bot.press.values import PressRelease, QuoteRequest
from bot.store.holder import Store
from bot.summaries.values import Summary
from bot.time.clock import Clock

LanguageScope = Callable[[str], AbstractContextManager[object]]

RELEASE = "email.release"
SUMMARY = "email.summary"
ADVISORY = "email.advisory"
ANSWER = "email.answer"


class PressMail:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        texts: EmailTexts,
        scope: LanguageScope,
        wake: Callable[[], None],
    ) -> None:
        self._store = store
        self._clock = clock
        self._texts = texts
        self._scope = scope
        self._wake = wake
        self._advisory = AdvisoryService(store)

    @property
    def _outbox(self) -> EmailOutboxRepository:
        return self._store.email_outbox

    async def release_announced(self, release: PressRelease, event: Event, now: dt.datetime) -> int:
        """Queued for everyone who wants releases; held while the embargo stands."""
        contacts = await self._store.email_contacts.wanting(Topic.RELEASES)
        return await self._queue(
            RELEASE,
            str(release.id),
            contacts,
            lambda language: self._texts.release(release, event, now, language),
            held=release.embargoed(now),
        )

    async def release_public(self, release: PressRelease) -> int:
        """The embargo lifted (or there was none): what was held goes now."""
        let_go = await self._outbox.release_held(RELEASE, str(release.id))
        if let_go:
            self._wake()
        return let_go

    async def summary_published(self, summary: Summary, publication: str) -> int:
        event = await self._event()
        return await self._queue(
            SUMMARY,
            f"{summary.day.isoformat()}:{publication}",
            await self._store.email_contacts.wanting(Topic.SUMMARIES),
            lambda language: self._texts.summary(summary, event, language),
        )

    async def request_closed(self, request: QuoteRequest) -> int:
        """The answer goes to the address the request was filed for, else the journalist's."""
        contact = await self._store.email_contacts.for_request(request.id, request.journalist_id)
        if contact is None or not contact.wants(Topic.ANSWERS):
            return 0
        return await self._queue(
            ANSWER,
            str(request.id),
            [contact],
            lambda language: self._texts.answer(request, language),
        )

    async def advisory(self, contacts: Iterable[Contact], key: str) -> int:
        """The media advisory as it stands now, to those of ``contacts`` who want it;
        ``key`` names the sending (one per contact welcomed, or one per organiser's push)."""
        advisory = await self._advisory.advisory()
        return await self._queue(
            ADVISORY,
            key,
            [c for c in contacts if c.wants(Topic.ADVISORIES)],
            lambda language: self._texts.advisory(advisory, language),
        )

    async def chat_notice(
        self, user_ids: list[int], topic: Topic, kind: str, key: str, render: Render
    ) -> int:
        """A chat notice by email too, in its own words, to the users who chose ``topic``."""
        contacts = [
            c for c in await self._store.email_contacts.of_users(user_ids) if c.wants(topic)
        ]
        return await self._queue(
            "email." + kind.rpartition(".")[2],
            key,
            contacts,
            lambda language: self._texts.from_chat(render(language).text, language),
        )

    async def _queue(
        self,
        kind: str,
        key: str,
        contacts: list[Contact],
        render: Callable[[str], Letter],
        *,
        held: bool = False,
    ) -> int:
        bodies: dict[str, int] = {}
        rows = []
        for contact in contacts:
            if contact.language not in bodies:
                # PDF and DOCX take a moment: built off the event loop (the language
                # scope's context goes with them), so chat and the web go on meanwhile.
                with self._scope(contact.language):
                    letter = await asyncio.to_thread(render, contact.language)
                bodies[contact.language] = await self._outbox.body(
                    kind, key, contact.language, letter
                )
            rows.append((contact.id, bodies[contact.language]))
        queued = await self._outbox.enqueue(kind, key, rows, self._clock.now(), held=held)
        if queued and not held:
            self._wake()
        return queued

    async def _event(self) -> Event:
        event = await self._store.programme.event()
        if event is None:
            raise LookupError("no event loaded: run `python -m bot load`")
        return event
