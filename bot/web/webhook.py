"""Telegram's webhook as one route of the web application."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web


def add_webhook(
    app: web.Application, dispatcher: Dispatcher, bot: Bot, path: str, secret: str
) -> None:
    """POST ``path`` feeds the dispatcher.

    Updates are handled inside the request (not in background tasks): the aiohttp runner
    then waits for them on shutdown, and Telegram redelivers any update whose request
    did not complete. A request without the right secret token gets 401 and is dropped.
    """
    handler = SimpleRequestHandler(dispatcher, bot, handle_in_background=False, secret_token=secret)
    # Not handler.register(): its shutdown hook closes the bot session while handlers may
    # still need it; App closes the session itself, last.
    app.router.add_post(path, handler.handle)
