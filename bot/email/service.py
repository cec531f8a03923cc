"""Email addresses with consent: given by a journalist, or by an organiser for one who
cannot use Telegram; what each wants by email; one-click unsubscribe.

Every address is checked for form (``bot.email.addresses``) before anything is stored.
Whoever calls (chat, console, CLI), organiser-only operations refuse anyone else.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from bot.content.models import LANGUAGES
from bot.email.addresses import normalised
from bot.email.links import UnsubscribeLinks
from bot.email.mail import PressMail
from bot.email.values import Contact, ContactForm, Topic
from bot.forms.input import NAME, OUTLET, QUESTION, clean
from bot.press.quote_requests import Target, deadline_allowed
from bot.press.values import QuoteRequest
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import require_organiser
from bot.users.values import User


class AddressTakenError(ValueError):
    """Another person already gave this address; nothing is stored."""


class Unsubscribed(StrEnum):
    DONE = "done"
    ALREADY = "already"
    BAD_LINK = "bad_link"


class EmailDesk:
    def __init__(
        self, store: Store, clock: Clock, mail: PressMail | None, links: UnsubscribeLinks | None
    ) -> None:
        self._store = store
        self._clock = clock
        self._mail = mail
        self._links = links

    def now(self) -> dt.datetime:
        return self._clock.now()

    @property
    def enabled(self) -> bool:
        """Without SMTP_HOST there is no email: nothing asks for an address."""
        return self._mail is not None

    def checked(self, form: ContactForm) -> ContactForm:
        """The form cleaned; ``BadAddressError``/``InputRejectedError``/``ValueError``."""
        if form.language not in LANGUAGES:
            raise ValueError(f"no such language: {form.language!r}")
        return ContactForm(
            clean(form.full_name, NAME),
            clean(form.outlet, OUTLET),
            normalised(form.address),
            form.language,
        )

    async def accredit(self, user: User, form: ContactForm) -> Contact:
        """An organiser accredits a journalist by email alone; the media advisory goes to
        them at once, in the same transaction."""
        require_organiser(user)
        mail = self._require_mail()
        form = self.checked(form)
        async with self._store.transaction():
            contact = await self._store.email_contacts.add(form, None, user.id, self._clock.now())
            if contact is None:
                raise AddressTakenError(form.address)
            await mail.advisory([contact], f"welcome:{contact.id}")
        return contact

    async def give_address(self, user: User, form: ContactForm) -> Contact:
        """A journalist's own address (given with their accreditation, or later); a new
        one replaces the old, and is welcomed with the media advisory."""
        mail = self._require_mail()
        form = self.checked(form)
        async with self._store.transaction():
            holder = await self._store.email_contacts.by_address(form.address)
            if holder is not None and holder.user_id != user.id:
                raise AddressTakenError(form.address)
            await self._store.email_contacts.replace_address(user.id, form, self._clock.now())
            contact = await self._store.email_contacts.of_user(user.id)
            assert contact is not None
            await mail.advisory([contact], f"welcome:{contact.id}:{contact.address}")
        return contact

    async def mine(self, user: User) -> Contact | None:
        return await self._store.email_contacts.of_user(user.id)

    async def choose(self, user: User, topic: Topic, wanted: bool) -> Contact | None:
        """What comes by email, the journalist's own choice; None without an address."""
        contact = await self.mine(user)
        if contact is None:
            return None
        await self._store.email_contacts.set_topic(contact.id, topic, wanted)
        return await self.mine(user)

    async def contacts(self, user: User) -> list[Contact]:
        require_organiser(user)
        return await self._store.email_contacts.all()

    async def push_advisory(self, user: User) -> int:
        """An organiser sends the current advisory to every address that wants it."""
        require_organiser(user)
        mail = self._require_mail()
        async with self._store.transaction():
            contacts = await self._store.email_contacts.wanting(Topic.ADVISORIES)
            return await mail.advisory(contacts, f"push:{self._clock.now().isoformat()}")

    async def file_request(
        self, user: User, contact_id: int, target: Target, question: str, deadline: dt.datetime
    ) -> QuoteRequest:
        """An organiser files a quote request a journalist sent by email; the answer goes
        back to that address (and, in chat, to the organiser who filed it)."""
        require_organiser(user)
        text = clean(question, QUESTION, multiline=True)
        now = self._clock.now()
        if not deadline_allowed(deadline, now):
            raise ValueError("the deadline is outside the allowed window")
        async with self._store.transaction():
            contact = await self._store.email_contacts.get(contact_id)
            if contact is None:
                raise LookupError(f"no email contact {contact_id}")
            request = await self._store.quote_requests.add(
                user.id,
                target.kind,
                target.key,
                target.label,
                text,
                deadline=deadline,
                now=now,
                session_key=target.session_key,
            )
            await self._store.email_contacts.link_request(request.id, contact.id)
        return request

    async def contact_of_link(self, contact: str, token: str) -> Contact | None:
        if self._links is None:
            return None
        contact_id = self._links.verify(contact, token)
        return None if contact_id is None else await self._store.email_contacts.get(contact_id)

    async def unsubscribe(self, contact: str, token: str) -> tuple[Unsubscribed, Contact | None]:
        """By the signed link, without Telegram; a second time says so and changes nothing."""
        found = await self.contact_of_link(contact, token)
        if found is None:
            return Unsubscribed.BAD_LINK, None
        async with self._store.transaction():
            done = await self._store.email_contacts.unsubscribe(found.id, self._clock.now())
            await self._store.email_outbox.drop_for(found.id)
        return (Unsubscribed.DONE if done else Unsubscribed.ALREADY), found

    def _require_mail(self) -> PressMail:
        if self._mail is None:
            raise LookupError("email is off: SMTP_HOST is not set")
        return self._mail
