"""Pieces the press centre's routers share: input problems, refusals, contacts."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TypeVar

from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.content.models import Event
from bot.forms.input import InputRejectedError, Problem

T = TypeVar("T")


async def accepted(message: Message, parse: Callable[[str | None], T]) -> T | None:
    """The parsed answer, or None once the user has been told what to send instead."""
    try:
        return parse(message.text)
    except InputRejectedError as error:
        await message.answer(problem_text(error, message.text))
        return None


def problem_text(error: InputRejectedError, text: str | None) -> str:
    """Why a typed answer was not taken, and what to send instead."""
    bounds = error.bounds
    match error.problem:
        case Problem.EMPTY:
            return _("Please send the answer as a text message, or /cancel.")
        case Problem.COMMAND:
            return _("That looks like a command. Send the answer as plain text, or /cancel.")
        case Problem.TOO_SHORT:
            return _("Too short: at least {low} characters, please.").format(low=bounds.low)
        case Problem.TOO_LONG:
            return _("Too long: at most {high} characters, you sent {length}.").format(
                high=bounds.high, length=len((text or "").strip())
            )
        case Problem.CONTACT:
            return _(
                "Send a phone number (at least 7 digits, e.g. +993 12 345678) or an e-mail address."
            )
        case Problem.TIME:
            return _("Send a time as HH:MM (e.g. 18:30) or a date and time as DD.MM HH:MM.")


def use_buttons() -> str:
    return _("Please choose with the buttons above, or /cancel.")


async def refuse(callback: CallbackQuery, text: str) -> None:
    """A clear alert that changes nothing."""
    await callback.answer(text, show_alert=True)


def not_organiser() -> str:
    return _("Only the organisers can do this.")


def contacts_lines(event: Event, language: str) -> list[str]:
    lines = []
    for contact in event.press_contacts:
        parts = [contact.name.get(language)]
        parts += [value for value in (contact.phone, contact.email) if value]
        line = ", ".join(parts)
        if contact.illustrative:
            line += " " + _("(example contact)")
        lines.append(line)
    return lines


def contacts_html(event: Event, language: str) -> str:
    return "\n".join(f"☎ {escape(line)}" for line in contacts_lines(event, language))
