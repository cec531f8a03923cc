"""Pieces the press centre's routers share: the press office's contacts, alerts."""

from __future__ import annotations

from html import escape

from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.content.models import Event
from bot.press.documents import contact_lines


def alert(answer: CallbackAnswer, text: str) -> None:
    """A clear alert that changes nothing (the callback is answered after the handler)."""
    answer.text = text
    answer.show_alert = True


def contacts_lines(event: Event, language: str) -> list[str]:
    return contact_lines(event, language, _("(example contact)"))


def contacts_html(event: Event, language: str) -> str:
    return "\n".join(f"☎ {escape(line)}" for line in contacts_lines(event, language))


def cancelled() -> str:
    """What /cancel says in every press form."""
    return _("Cancelled. Nothing was saved. The press centre: /press")
