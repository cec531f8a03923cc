"""Form fields of the console's POSTs, checked with the bounds chat uses."""

from __future__ import annotations

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
    if error.problem is Problem.TOO_SHORT:
        return t["input_too_short"].format(low=error.bounds.low)
    if error.problem is Problem.TOO_LONG:
        return t["input_too_long"].format(high=error.bounds.high)
    if error.problem is Problem.COMMAND:
        return t["input_command"]
    return t["input_empty"]
