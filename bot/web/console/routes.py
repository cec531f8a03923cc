"""Every console page, added to the one web application."""

from __future__ import annotations

from aiohttp import web

from bot.web.console import broadcast, press, stats
from bot.web.console.programme import routes as programme


def add_routes(app: web.Application) -> None:
    for pages in (press, broadcast, stats, programme):
        pages.add_routes(app)
