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


def router() -> Router:
    router = Router(name="errors")

    @router.error(ExceptionTypeFilter(NotAllowedError))
    async def not_allowed(event: ErrorEvent) -> None:
        """A service refused the acting user: say so; nothing was changed."""
        update = event.update
        needed = (
            event.exception.needed
            if isinstance(event.exception, NotAllowedError)
            else Role.ORGANISER
        )
        if update.callback_query is not None:
            await refuse(update.callback_query, needed)
        elif update.message is not None:
            await refuse(update.message, needed)

    @router.error()
    async def on_error(event: ErrorEvent) -> None:
        update = event.update
        log.error(
            "update %s failed: %r", update.update_id, event.exception, exc_info=event.exception
        )
        apology = _("Sorry, something went wrong on our side. Please try again in a moment.")
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(apology, show_alert=True)
            elif update.message is not None:
                await update.message.answer(apology)
        except Exception:  # the apology itself must never take the bot down
            log.exception("could not apologise for update %s", update.update_id)

    return router
