"""Form fields of the console's POSTs, checked with the bounds chat uses."""

from __future__ import annotations

from aiogram.utils.i18n import ngettext
from aiohttp import web

from bot.forms.input import Bounds, InputRejectedError, Problem, clean
from bot.web.texts import Texts


async def field(request: web.Request, name: str) -> str:
    """One text field of the posted form ("" when absent); the body was bounded already."""
    form = await request.post()
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


async def checked(request: web.Request, name: str) -> bool:
    return (await field(request, name)) in ("1", "on", "yes")


async def cleaned(request: web.Request, name: str, bounds: Bounds) -> str:
    """The field as chat's form step would take it, or ``InputRejectedError``."""
    return clean(await field(request, name), bounds, multiline=True)


def problem_text(t: Texts, error: InputRejectedError) -> str:
    """Why a typed text was refused, in the reader's language."""
    low, high = error.bounds.low, error.bounds.high
    if error.problem is Problem.TOO_SHORT:
        return ngettext(
            "Too short: at least {count} character.", "Too short: at least {count} characters.", low
        ).format(count=low)
    if error.problem is Problem.TOO_LONG:
        return ngettext(
            "Too long: at most {count} character.", "Too long: at most {count} characters.", high
        ).format(count=high)
    if error.problem is Problem.COMMAND:
        return t["input_command"]
    return t["input_empty"]
