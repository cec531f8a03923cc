"""A person's rights over what the bot keeps about them: a copy, and erasure.

Both read the one map (``bot/privacy/user_map.py``) through the repository. Erasure is
one transaction: the rows go or are unlinked, messages to others that name the person
lose their text, the organisers are told when an accredited journalist or an organiser
leaves, and the audit log gets a line without the name. Afterwards the WAL is
checkpointed, so the person's old pages leave it too (``secure_delete`` zeroes the file's
freed space), and the in-memory caches forget them: their next message is a stranger's.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path

from bot.content.problems import ContentError
from bot.delivery.notify import Notifier
from bot.email.addresses import BadAddressError, normalised
from bot.email.values import Contact
from bot.privacy.notice import PrivacyNotice, load_notice, notice_html
from bot.privacy.values import Erasure, Leaver, PersonalCopy, PrivacyNotices, PurgeReport
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService, require_organiser
from bot.users.values import Role, User

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class NoticeSource:
    """Where the notice is read from, and the retention period it states."""

    data_dir: Path
    retention_days: int

    def notice(self) -> PrivacyNotice | None:
        """Read at each use (it is small and rarely asked for), so an edit shows at once."""
        try:
            return load_notice(self.data_dir)
        except ContentError as error:
            log.error("no privacy notice to show: %s", error)
            return None

    def html(self, language: str) -> str | None:
        notice = self.notice()
        return None if notice is None else notice_html(notice, language, self.retention_days)


Forgotten = Callable[[int], None]
"""Drops a user from an in-memory cache once their erasure has committed."""


class PrivacyService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        access: AccessService,
        notifier: Notifier | None,
        notices: PrivacyNotices | None,
        *,
        forgotten: Sequence[Forgotten] = (),
        notice: NoticeSource | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._access = access
        self._notifier = notifier
        self._notices = notices
        self._forgotten = (store.users.forget, *forgotten)
        self._notice = notice

    @property
    def notice_source(self) -> NoticeSource | None:
        return self._notice

    def notice(self, language: str) -> str | None:
        """The privacy notice in ``language`` (HTML); None when the data folder has none
        (``python -m bot check`` refuses such a folder; a running bot logs it)."""
        if self._notice is None:
            return None
        return self._notice.html(language)

    async def copy(self, user: User) -> PersonalCopy:
        """The asking person's own data, every table; the export is recorded (who, when)."""
        now = self._clock.now()
        async with self._store.transaction():
            tables = await self._store.privacy.rows_of(user.id)
            await self._store.privacy.record(now, "copy", f"tables={len(tables)}", actor_id=user.id)
        return PersonalCopy(user.id, now, tables)

    async def forget(self, user: User) -> Erasure:
        """The asking person erased: only ever themselves, whoever calls."""
        return await self.erase(user.id, tell_organisers=True)

    async def erase(self, user_id: int, *, tell_organisers: bool = False) -> Erasure:
        """Erase one person in one transaction, then empty the WAL."""
        touched, leaver = await self._erase(user_id, tell_organisers=tell_organisers)
        return Erasure(touched, leaver, await self._store.privacy.checkpoint())

    async def purge(self, *, dry_run: bool = False) -> PurgeReport:
        """Everyone's personal data but the organisers', in one transaction, as each one's
        erasure would do it; the delivered messages' texts go too. ``dry_run``: the rows
        that would go, by table, and nothing changes."""
        privacy = self._store.privacy
        kept = set(await self._access.organiser_ids())
        people = sorted(await privacy.people() - kept)
        # Journalists known by email alone have no Telegram id: they go too.
        others = await privacy.people_without_telegram()
        count = len(people) + sum(len(ids) for ids in others.values())
        if dry_run:
            totals = await privacy.counts_of(people, others) if count else {}
            totals["outbox (delivered texts)"] = await privacy.delivered_texts()
            return PurgeReport(count, totals)
        async with self._store.transaction():
            totals = await privacy.erase(people, others) if count else {}
            totals["outbox (delivered texts)"] = await privacy.empty_delivered_texts()
            detail = ", ".join(f"{table}={count}" for table, count in totals.items() if count)
            if detail:  # the job runs again every hour: only a purge that did something
                await privacy.record(self._clock.now(), "purge", f"people={count}; {detail}")
            for person in people:
                for forget in self._forgotten:
                    self._store.db.after_commit(partial(forget, person))
        if detail:
            await privacy.checkpoint()
        return PurgeReport(count, totals)

    async def email_contact(self, user: User, address: str) -> Contact | None:
        """The journalist an organiser is asked to erase, by the address they wrote
        from; None for no such address (or not one at all)."""
        require_organiser(user)
        try:
            return await self._store.email_contacts.by_address(normalised(address))
        except BadAddressError:
            return None

    async def erase_contact(self, user: User, contact_id: int) -> Erasure:
        """An organiser erases a journalist known by email alone, on their request: the
        address, everything sent or filed for it, and messages to others naming them, in
        one transaction. One with a Telegram id erases themselves (``/forget``), so that
        the organisers cannot erase a chat user's data behind their back: ``ValueError``.
        ``LookupError`` for no such contact; ``NotAllowedError`` for anyone else."""
        require_organiser(user)
        privacy = self._store.privacy
        async with self._store.transaction():
            contact = await self._store.email_contacts.get(contact_id)
            if contact is None:
                raise LookupError(f"no email contact {contact_id}")
            if contact.user_id is not None:
                raise ValueError("this journalist uses Telegram: they erase with /forget")
            words = await privacy.words_of_contacts([contact_id])
            touched = await privacy.erase([], {"email_contacts": [contact_id]})
            mentions = [*words, *(escape(word) for word in words)]
            touched["outbox (others)"] = await privacy.scrub_mentions(mentions)
            detail = ", ".join(f"{table}={count}" for table, count in touched.items() if count)
            await privacy.record(
                self._clock.now(),
                "erase-email",
                detail,
                actor_id=user.id,
                actor_name=user.first_name,
            )
        return Erasure(touched, Leaver.JOURNALIST, await privacy.checkpoint())

    async def _erase(
        self, user_id: int, *, tell_organisers: bool
    ) -> tuple[dict[str, int], Leaver | None]:
        """One person's erasure, one transaction; messages to others that name them or
        quote their words lose their text too."""
        privacy = self._store.privacy
        async with self._store.transaction():
            leaver = await self._leaver(user_id)
            words = await privacy.words_of(user_id)
            touched = await privacy.erase([user_id])
            mentions = [*words, *(escape(word) for word in words), str(user_id)]
            touched["outbox (others)"] = await privacy.scrub_mentions(mentions)
            if tell_organisers and leaver is not None:
                await self._tell_organisers(leaver, user_id)
            detail = ", ".join(f"{table}={count}" for table, count in touched.items() if count)
            await privacy.record(self._clock.now(), "erase", detail)
            for forget in self._forgotten:
                self._store.db.after_commit(partial(forget, user_id))
        return touched, leaver

    async def _leaver(self, user_id: int) -> Leaver | None:
        if await self._access.role_of(user_id) is Role.ORGANISER:
            return Leaver.ORGANISER
        if await self._store.accreditations.is_accredited(user_id):
            return Leaver.JOURNALIST
        return None

    async def _tell_organisers(self, leaver: Leaver, user_id: int) -> None:
        if self._notifier is None or self._notices is None:  # the command line: no chat
            return
        others = [oid for oid in await self._access.organiser_ids() if oid != user_id]
        # The key names no one: a random token, so two leavers are two notices.
        key = f"{leaver.value}:{secrets.token_hex(8)}"
        await self._notifier.notify(
            others, kind="privacy.left", key=key, render=self._notices.someone_left(leaver)
        )
