"""The console email page's words (``email.po``), merged into the Mini App's catalogue."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

Texts = dict[str, str]


def email_texts() -> Texts:
    return {
        "console_email": _("Email"),
        "email_heading": _("The press office by email"),
        "email_off": _("The press office does not send email at this event."),
        "email_accredit": _("Accredit a journalist by email alone"),
        "email_name": _("Full name"),
        "email_outlet": _("Media outlet"),
        "email_address": _("Email address"),
        "email_language": _("Language they read"),
        "email_submit": _("Accredit and send the media advisory"),
        "email_accredited": _("Accredited by email: the media advisory is on its way."),
        "email_bad_address": _(
            "That is not an email address (name@example.org); nothing was saved."
        ),
        "email_taken": _(
            "This address is already registered with the press office. Nothing was changed."
        ),
        "email_bad_language": _("Choose Russian or English."),
        "email_addresses": _("Addresses"),
        "email_none": _("No addresses yet."),
        "email_unsubscribed": _("unsubscribed"),
        "email_bouncing": _("refused by the mail server"),
        "email_russian": _("Russian"),
        "email_english": _("English"),
        "email_request": _("File a question they sent by email"),
        "email_question": _("Their question"),
        "email_deadline": _("Answer within"),
        "email_hours": _("{hours} h"),
        "email_file": _("File it in the press queue"),
        "email_request_filed": _(
            "Filed: it is in the press queue; the answer goes to their address."
        ),
        "email_bad_deadline": _("Choose a deadline from the list."),
        # Erasure on request (issue 23 for email): words in email_privacy.po.
        "email_forget": _("Erase on their request"),
        "email_forget_warning": _(
            "Their address, what was sent to it and the questions filed for them go at once "
            "and cannot be brought back. Published releases stay."
        ),
        "email_forget_submit": _("🗑 Yes, erase"),
        "email_erased": _("Erased: the address and everything kept for it."),
        "email_uses_telegram": _(
            "This journalist uses Telegram: they erase their own data with /forget."
        ),
    }
