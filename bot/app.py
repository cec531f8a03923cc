"""One running bot: opens the store, wires the services (bot/wiring.py), starts and
stops polling or the webhook, the scheduler, delivery and the web application."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from types import TracebackType

from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest
from aiogram.utils.i18n import I18n

from bot.broadcasts.progress import ProgressLoop
from bot.config import Settings
from bot.content.service import ContentService
from bot.delivery import Delivery
from bot.i18n.catalogues import build_i18n
from bot.reminders.jobs import ReminderJobs
from bot.store.holder import Store
from bot.telegram.cosmetic import CosmeticCalls
from bot.telegram.response_types import pin_response_types
from bot.telegram.shutdown import UpdateTracker
from bot.time.clock import Clock, SystemClock
from bot.time.scheduler import APSchedulerJobs, Scheduler
from bot.users.service import UserService
from bot.web.health import HealthChecks
from bot.web.server import Webhook, WebServer
from bot.wiring import Infrastructure, build_bot, wire
from handlers.start.menu import commands, publish_chat_commands

log = logging.getLogger(__name__)


def freeze_start_up_objects() -> None:
    """Keep the garbage collector off what the bot process holds until it exits.

    aiogram builds ~200k schema objects at import; frozen, they are no longer walked by
    every collection while updates are handled. Only for the bot process: in tests the
    many short-lived apps would never be collected.
    """
    gc.collect()
    gc.freeze()


@dataclass
class App:
    """One running bot: ``async with await App.create(settings) as app``."""

    settings: Settings
    clock: Clock
    store: Store
    i18n: I18n
    bot: Bot
    dispatcher: Dispatcher
    scheduler: Scheduler
    delivery: Delivery
    reminder_jobs: ReminderJobs
    broadcast_progress: ProgressLoop
    users: UserService
    tracker: UpdateTracker = field(default_factory=UpdateTracker)
    health: HealthChecks = field(default_factory=HealthChecks)
    webhook_address: str | None = None
    """``http://host:port`` the webhook server listens on, once it does."""
    web: WebServer = field(init=False)
    """The one web application: /healthz, the webhook, the Mini App, calendar feeds."""
    web_address: str | None = None
    """``http://host:port`` the web application listens on, in either mode, once it does."""
    web_with_polling: bool = False
    cosmetic: CosmeticCalls = field(init=False)
    """The command menus and the menu button: retried in the background when they fail."""
    response_types: tuple[type, ...] = field(default_factory=pin_response_types)
    """Held so pydantic keeps them: see ``bot/telegram/response_types.py``."""

    @classmethod
    async def create(
        cls, settings: Settings, clock: Clock | None = None, scheduler: Scheduler | None = None
    ) -> App:
        """The store opens first: services are built on it and handed to the Dispatcher."""
        clock = clock or SystemClock()
        scheduler = scheduler or APSchedulerJobs(clock)
        store = await Store.open(settings.database_path)
        i18n = build_i18n(settings.default_language)
        bot = build_bot(settings)
        wired = wire(Infrastructure(settings, clock, scheduler, store, i18n, bot))
        app = cls(
            settings,
            clock,
            store,
            i18n,
            bot,
            wired.dispatcher,
            scheduler,
            wired.delivery,
            wired.reminder_jobs,
            wired.broadcast_progress,
            wired.users,
            tracker=wired.tracker,
        )
        app.web = WebServer(settings, bot, wired.dispatcher, app.health, i18n)
        app.cosmetic = CosmeticCalls(
            timeout=settings.startup_call_timeout,
            first_pause=settings.startup_retry_seconds,
            max_pause=settings.startup_retry_max_seconds,
        )
        app.health.add("store", store.health)
        app.health.add("scheduler", scheduler.health)
        app.health.add("delivery", wired.delivery.health)
        if wired.email is not None:
            app.health.add("email", wired.email.health)
        wired.dispatcher.startup.register(app._on_startup)
        for job in wired.startup:
            wired.dispatcher.startup.register(job)
        wired.dispatcher.shutdown.register(app._on_shutdown)
        return app

    async def __aenter__(self) -> App:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.bot.session.close()
        await self.store.close()

    async def _on_startup(self, content: ContentService) -> None:
        report = await content.load_if_empty(self.settings.data_dir)
        if report is not None:
            log.info("loaded %s into an empty store", self.settings.data_dir)
        await self.cosmetic.run("setMyCommands (command menus)", self.publish_commands)
        await self.delivery.start()
        self.scheduler.start()
        await self.reminder_jobs.start(fresh_store=report is not None)
        await self.broadcast_progress.start()
        await self.cosmetic.run("menu button", self.web.publish_menu_button)
        if self.web_with_polling:
            self.web_address = await self.web.start()

    async def _on_shutdown(self) -> None:
        """Handlers already running finish first; then timed jobs stop, so nothing is
        queued to a worker that has stopped; the worker persists what it had in hand.
        The web application stops first: no request starts an operation from then on."""
        await self.cosmetic.stop()
        await self.web.stop()
        left = await self.tracker.drain(self.settings.shutdown_grace)
        if left:
            log.warning("shutting down with %d update(s) still being handled", left)
        else:
            log.info("all updates in flight were handled")
        await self.scheduler.stop()
        await self.broadcast_progress.stop()
        await self.delivery.stop()

    async def publish_commands(self) -> None:
        """The command menu in every language (the default one for other app languages),
        and each organiser's own menu with the organisers' commands."""
        for language in self.i18n.available_locales:
            with self.i18n.context(), self.i18n.use_locale(language):
                await self.bot.set_my_commands(commands(), language_code=language)
        with self.i18n.context(), self.i18n.use_locale(self.settings.default_language):
            await self.bot.set_my_commands(commands())
        for organiser in await self.users.organisers():
            try:
                await publish_chat_commands(self.bot, self.i18n, organiser)
            except TelegramBadRequest as error:  # an id from the settings never wrote to us
                log.info("no command menu for organiser %s: %s", organiser.id, error.message)

    async def run_polling(self, *, handle_signals: bool = True) -> None:
        """Long polling until stopped (SIGTERM/SIGINT), then confirm what was handled."""
        await self.bot.delete_webhook()  # a webhook left from webhook mode blocks getUpdates
        self.web_with_polling = self.settings.web_with_polling
        await self.dispatcher.start_polling(
            self.bot,
            polling_timeout=self.settings.polling_timeout,
            handle_signals=handle_signals,
            close_bot_session=False,
            allowed_updates=self.dispatcher.resolve_used_update_types(),
            tasks_concurrency_limit=self.settings.max_concurrent_updates,
        )
        await self._confirm_handled()

    async def _confirm_handled(self) -> None:
        """Tell Telegram the last batch was handled, so a restart does not answer it twice.

        Polling confirms a batch only with the next getUpdates, which a stop cancels; one
        short call with the next offset confirms it and leaves newer updates queued.
        """
        last = self.tracker.last_update_id
        if last is None:
            return
        try:
            await self.bot.get_updates(offset=last + 1, limit=1, timeout=0)
        except Exception as error:  # stopping anyway; at worst the batch is answered again
            log.warning("could not confirm the handled updates: %r", error)

    @asynccontextmanager
    async def serving_webhook(self) -> AsyncIterator[str]:
        """Serve the webhook, register it with Telegram, and stop gracefully on exit.

        On exit the server stops accepting requests, waits for those in flight (each
        handles its update), then the dispatcher's shutdown hooks run.
        """
        settings = self.settings
        if settings.webhook_url is None or settings.webhook_secret is None:
            raise RuntimeError("webhook mode needs WEBHOOK_PUBLIC_URL and WEBHOOK_SECRET")
        secret = settings.webhook_secret.get_secret_value()
        workflow = {"dispatcher": self.dispatcher, **self.dispatcher.workflow_data}
        await self.dispatcher.emit_startup(bot=self.bot, **workflow)
        try:
            address = await self.web.start(Webhook(settings.webhook_path, secret))
            self.webhook_address = self.web_address = address
            await self.bot.set_webhook(
                settings.webhook_url,
                secret_token=secret,
                allowed_updates=self.dispatcher.resolve_used_update_types(),
                max_connections=settings.max_concurrent_updates,
            )
            log.info("webhook %s served on %s", settings.webhook_url, self.webhook_address)
            yield self.webhook_address
        finally:
            await self.web.stop()
            await self.dispatcher.emit_shutdown(bot=self.bot, **workflow)

    async def run_webhook(self) -> None:
        """Serve the webhook until SIGTERM or SIGINT."""
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        try:
            async with self.serving_webhook():
                await stop.wait()
                log.info("stop requested: no new updates are taken")
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):
                with suppress(ValueError, RuntimeError):
                    loop.remove_signal_handler(sig)
