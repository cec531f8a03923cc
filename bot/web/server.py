"""The one aiohttp application of the bot's process, on one address, in both update modes.

``/healthz``; the webhook in webhook mode; the Mini App (``/app/``: the shell, its static
files and the signed pages) and the calendar feeds (``/cal/``). Polling mode runs it too
when WEB_PORT or WEB_PUBLIC_URL is set.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiogram import Bot, Dispatcher
from aiogram.utils.i18n import I18n
from aiohttp import web

from bot.config import Settings
from bot.web import feeds, unsubscribe
from bot.web.auth import mini_app_auth
from bot.web.bad_requests import BadRequestLog
from bot.web.buttons import publish_menu_button
from bot.web.console import email as console_email
from bot.web.console import routes as console
from bot.web.console.services import CONSOLE, ConsoleServices
from bot.web.context import WEB, WebContext
from bot.web.health import HealthChecks
from bot.web.pages import agenda, people, press, privacy, programme
from bot.web.public import routes as public
from bot.web.public.site import PublicSite
from bot.web.render import Pages
from bot.web.services import WebServices
from bot.web.shell import Shell
from bot.web.texts import Catalogue
from bot.web.webhook import add_webhook

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Webhook:
    path: str
    secret: str


class WebServer:
    def __init__(
        self, settings: Settings, bot: Bot, dispatcher: Dispatcher, health: HealthChecks, i18n: I18n
    ) -> None:
        self._settings = settings
        self._bot = bot
        self._dispatcher = dispatcher
        self._health = health
        pages = Pages(Catalogue(i18n))
        pages.globals["email_on"] = settings.email_enabled  # the console's «Email» tab
        services = WebServices.from_workflow(dispatcher.workflow_data)
        self.context = WebContext(settings, dispatcher["clock"], services, pages, bot.token)
        self._console = ConsoleServices.from_workflow(dispatcher.workflow_data)
        self._shell = Shell(pages)
        self.public: PublicSite = dispatcher["public_site"]
        self._i18n = i18n
        self._runner: web.AppRunner | None = None

    def build(self, webhook: Webhook | None = None) -> web.Application:
        app = web.Application(middlewares=[mini_app_auth])
        app[WEB] = self.context
        app[CONSOLE] = self._console
        app.router.add_get("/healthz", self._healthz)
        if webhook is not None:
            add_webhook(app, self._dispatcher, self._bot, webhook.path, webhook.secret)
        self._shell.add_routes(app)
        for pages in (programme, agenda, people, press, privacy, feeds, console):
            pages.add_routes(app)
        if self._settings.public_site:
            public.add_routes(
                app, self.public.edition, self.public.printer, self._settings.default_language
            )
        email_desk = self._dispatcher.workflow_data.get("email_desk")
        unsubscribe.add_routes(app, email_desk, self._i18n)
        console_email.add_routes(
            app,
            email_desk,
            self._dispatcher.workflow_data.get("quote_requests"),
            self._dispatcher.workflow_data.get("privacy"),
        )
        return app

    async def start(self, webhook: Webhook | None = None) -> str:
        """Listen on WEB_HOST:WEB_PORT (port 0: any free one); returns ``http://host:port``."""
        runner = web.AppRunner(
            self.build(webhook),
            handle_signals=False,
            shutdown_timeout=self._settings.shutdown_grace,
            access_log=None,  # calendar links carry secrets: no URL is logged
            logger=BadRequestLog(),  # a request it cannot parse: one warning, no content
        )
        await runner.setup()
        self._runner = runner
        host, port = self._settings.web_listen
        try:
            await web.TCPSite(runner, host, port).start()
        except BaseException:
            await self.stop()
            raise
        bound_host, bound_port = runner.addresses[0][:2]
        address = f"http://{bound_host}:{bound_port}"
        log.info("web application served on %s", address)
        return address

    async def stop(self) -> None:
        """Stops taking requests and waits for those in flight (up to the grace period)."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def publish_menu_button(self) -> None:
        label = self.context.pages.texts(self._settings.default_language)["menu_button"]
        await publish_menu_button(self._bot, self._settings, label)

    async def _healthz(self, request: web.Request) -> web.Response:
        report = await self._health.run()
        return web.json_response(report.as_json(), status=200 if report.ok else 503)
