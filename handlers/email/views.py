"""How email reads in chat: what an address is for, a contact's card, the refusals."""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _

from bot.email.values import Contact, Topic
from handlers.email.callbacks import topic_label


def consent() -> str:
    """What an address is used for, said before one is asked for."""
    return _(
        "✉️ <b>Email (optional)</b>\nThe press office can also send you by email what it "
        "publishes: press releases (when their embargo lifts, with the PDF), the daily "
        "summaries, media advisories, and the answers to your quote and interview requests. "
        "The address is used for nothing else, and every message has a one-click "
        "unsubscribe link."
    )


def address_problem() -> str:
    return _(
        "That is not an email address. Send one like name@example.org (or /cancel); "
        "nothing was saved."
    )


def taken() -> str:
    return _("This address is already registered with the press office. Nothing was changed.")


def contact_card(contact: Contact) -> str:
    chosen = [topic_label(topic) for topic in Topic if topic in contact.topics]
    lines = [
        _("✉️ <b>Email</b>: {address}").format(address=escape(contact.address)),
        _("Name: {name}").format(name=escape(contact.full_name)),
        _("Media outlet: {outlet}").format(outlet=escape(contact.outlet)),
        _("By email: {topics}").format(topics=escape(", ".join(chosen) or "—")),
    ]
    if contact.unsubscribed:
        lines.append(_("Unsubscribed: nothing is sent by email."))
    if contact.bouncing:
        lines.append(_("The mail server refuses this address: nothing is sent by email."))
    return "\n".join(lines)
