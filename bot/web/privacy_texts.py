"""The Mini App's words for «My data» (bot/web/pages/privacy.py), merged by
``bot.web.texts.Catalogue`` like every other page's."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _


def privacy_texts() -> dict[str, str]:
    return {
        "privacy": _("My data"),
        "privacy_copy": _("Send me my data"),
        "privacy_copy_about": _(
            "The bot sends you everything it keeps about you: a summary and a JSON file."
        ),
        "privacy_sent": _("Sent to your chat with the bot. Records: {count}"),
        "privacy_forget": _("To erase all of it, send /forget to the bot."),
        "privacy_no_notice": _("The privacy notice is not available right now."),
    }
