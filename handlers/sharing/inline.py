"""Inline mode: ``@<bot> words`` in any chat lists matching sessions, delegations and
releases; choosing one posts its card.

Needs inline mode switched on once in @BotFather (``/setinline``); see docs/features/sharing.md.
"""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.types import InlineQuery, InlineQueryResultsButton
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.agenda.service import AgendaService
from bot.sharing.search import MAX_QUERY
from bot.sharing.service import SharingService
from bot.sharing.values import SearchPage
from bot.users.values import User
from handlers.sharing.cards import Setting, result

CACHE_SECONDS = 30
"""Short: the programme changes during the meeting and a release can be published."""
START_PARAMETER = "search"
"""The «open the bot» button's /start parameter: the start router greets as usual."""


def parse_offset(offset: str) -> int:
    """Telegram echoes our own ``next_offset``; anything else (forged) starts over."""
    return int(offset) if offset.isascii() and offset.isdigit() and len(offset) <= 5 else 0


def empty_button(page: SearchPage, first_page: bool) -> InlineQueryResultsButton | None:
    """Above an empty list: why, and a way into the bot."""
    if page.refused:
        text = ngettext(
            "The search is too long: at most {count} character",
            "The search is too long: at most {count} characters",
            MAX_QUERY,
        ).format(count=MAX_QUERY)
    elif first_page and not page.found:
        text = _("Nothing found — open the bot")
    else:
        return None
    return InlineQueryResultsButton(text=text, start_parameter=START_PARAMETER)


async def inline_search(
    query: InlineQuery, user: User, sharing: SharingService, agenda: AgendaService, bot: Bot
) -> None:
    """Personal results: the cards are in the language of whoever asks."""
    offset = parse_offset(query.offset)
    page = await sharing.search(query.query, offset)
    me = await bot.me()
    setting = Setting(
        await agenda.event(), await agenda.zone(), agenda.now(), user.language, me.username or ""
    )
    await query.answer(
        [result(found, setting) for found in page.found],
        cache_time=CACHE_SECONDS,
        is_personal=True,
        next_offset="" if page.next_offset is None else str(page.next_offset),
        button=empty_button(page, offset == 0),
    )


def router() -> Router:
    router = Router(name="sharing.inline")
    router.inline_query.register(inline_search)
    return router
