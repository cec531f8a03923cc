"""Every page of the programme editor, added to the one web application."""

from __future__ import annotations

from aiohttp import web

from bot.web.console.programme import change, log, pages


def add_routes(app: web.Application) -> None:
    for module in (pages, change, log):
        module.add_routes(app)
