"""The aiohttp application that receives Telegram's webhook and answers health probes."""

from __future__ import annotations

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.web.health import HealthChecks


def build_web_app(
    dispatcher: Dispatcher, bot: Bot, health: HealthChecks, path: str, secret: str
) -> web.Application:
    """POST ``path`` feeds the dispatcher; ``GET /healthz`` reports every health check.

    Updates are handled inside the request (not in background tasks): the aiohttp runner
    then waits for them on shutdown, and Telegram redelivers any update whose request
    did not complete. A request without the right secret token gets 401 and is dropped.
    """
    handler = SimpleRequestHandler(dispatcher, bot, handle_in_background=False, secret_token=secret)
    app = web.Application()
    # Not handler.register(): its shutdown hook closes the bot session while handlers may
    # still need it; App closes the session itself, last.
    app.router.add_post(path, handler.handle)

    async def healthz(request: web.Request) -> web.Response:
        report = await health.run()
        return web.json_response(report.as_json(), status=200 if report.ok else 503)

    app.router.add_get("/healthz", healthz)
    return app
