"""Sharing: inline search that posts cards into any chat, and the cards' deep links."""

from __future__ import annotations

from aiogram import Router

from handlers.sharing import inline, links


def router() -> Router:
    """Before the start router: it claims every /start, deep links included."""
    router = Router(name="sharing")
    router.include_routers(links.router(), inline.router())
    return router
