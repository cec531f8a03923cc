"""The last resort: a failing handler apologises to its user and the bot goes on."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent
from aiogram.utils.i18n import gettext as _

from bot.users.access import NotAllowedError
from bot.users.values import Role
from handlers.common.access import refuse

log = logging.getLogger(__name__)


async def not_allowed(event: ErrorEvent) -> None:
    """A service refused the acting user: say so; nothing was changed."""
    update = event.update
    error = event.exception
    needed = error.needed if isinstance(error, NotAllowedError) else Role.ORGANISER
    if update.callback_query is not None:
        await refuse(update.callback_query, needed)
    elif update.message is not None:
        await refuse(update.message, needed)


async def on_error(event: ErrorEvent) -> None:
    """Our fault: logged with the update id and its traceback; the user gets an apology."""
    update = event.update
    log.error("update %s failed: %r", update.update_id, event.exception, exc_info=event.exception)
    apology = _("Sorry, something went wrong on our side. Please try again in a moment.")
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(apology, show_alert=True)
        elif update.message is not None:
            await update.message.answer(apology)
    except Exception:  # the apology itself must never take the bot down
        log.exception("could not apologise for update %s", update.update_id)


def router() -> Router:
    router = Router(name="errors")
    router.error.register(not_allowed, ExceptionTypeFilter(NotAllowedError))
    router.error.register(on_error)
    return router
