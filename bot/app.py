"""Assembles the bot: Bot, Dispatcher, store, services; no module-level instances."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from types import TracebackType

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramBadRequest
from aiogram.utils.i18n import I18n
from aiohttp import web

import handlers
from bot.agenda.service import AgendaService
from bot.broadcasts.progress import ProgressLoop
from bot.broadcasts.service import BroadcastService
from bot.config import Settings
from bot.content.service import ContentService
from bot.delegations.service import DelegationService
from bot.delivery import Delivery, DeliveryLimits
from bot.delivery.notify import Notifier
from bot.feedback.desk import FeedbackDesk
from bot.i18n.catalogues import build_i18n, language_scope
from bot.invites.service import InviteService
from bot.press.centre import PressCentre
from bot.programme.assembly import LiveProgramme
from bot.programme.schedule_sync import Organisers
from bot.questions.desk import QuestionDesk
from bot.reminders.deps import JobDeps
from bot.reminders.jobs import ReminderJobs, ReminderTiming
from bot.reminders.planning import Pacing
from bot.reminders.service import ReminderService
from bot.sharing.service import SharingService
from bot.stats.exports import ExportService
from bot.stats.service import StatsService
from bot.store.fsm import SQLiteStorage
from bot.store.holder import Store
from bot.summaries.service import SummaryService
from bot.telegram.limits import InputLimitMiddleware
from bot.telegram.middlewares import LanguageMiddleware, OneUpdatePerUser, UserMiddleware
from bot.telegram.response_types import pin_response_types
from bot.telegram.shutdown import UpdateTracker
from bot.telegram.throttling import FloodControl
from bot.time.clock import Clock, SystemClock
from bot.time.scheduler import APSchedulerJobs, Scheduler
from bot.users.access import AccessService
from bot.users.service import UserService
from bot.venue.service import VenueService
from bot.web.health import HealthChecks
from bot.web.webhook import build_web_app
from handlers.broadcasts.progress import ProgressMessages
from handlers.feedback.notices import FeedbackMessages
from handlers.press.notices import PressMessages
from handlers.programme.live import LiveMessages
from handlers.programme.notices import SyncMessages
from handlers.questions.board import BoardMessages
from handlers.reminders.notices import ReminderMessages
from handlers.start.menu import commands, publish_chat_commands
from handlers.summaries.notices import SummaryMessages

log = logging.getLogger(__name__)


def freeze_start_up_objects() -> None:
    """Keep the garbage collector off what the bot process holds until it exits.

    aiogram builds ~200k schema objects at import; frozen, they are no longer walked by
    every collection while updates are handled. Only for the bot process: in tests the
    many short-lived apps would never be collected.
    """
    gc.collect()
    gc.freeze()


def build_bot(settings: Settings) -> Bot:
    if settings.bot_token is None:  # `python -m bot run` says so before it gets here
        raise ValueError("BOT_TOKEN is not set")
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )


def delivery_limits(settings: Settings) -> DeliveryLimits:
    return DeliveryLimits(
        rate=settings.delivery_rate,
        chat_interval=settings.delivery_chat_interval,
        group_interval=settings.delivery_group_interval,
        max_attempts=settings.delivery_max_attempts,
        retry_base=settings.delivery_retry_base,
        request_timeout=settings.delivery_timeout,
        paid_broadcast=settings.delivery_paid_broadcast,
    )


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
    response_types: tuple[type, ...] = field(default_factory=pin_response_types)
    """Held so pydantic keeps them: see ``bot/telegram_types.py``."""

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
        access = AccessService(store, settings.organiser_ids)
        users = UserService(store, clock, settings.default_language, access)
        agenda = AgendaService(store, clock, settings.event_timezone)
        delivery = Delivery(store.outbox, bot, clock, delivery_limits(settings))
        notifier = Notifier(delivery, store.users, settings.default_language, language_scope(i18n))
        reminder_jobs = ReminderJobs(
            JobDeps(store, clock, scheduler, notifier, agenda, ReminderMessages()),
            ReminderTiming(
                poll_seconds=settings.changes_poll_seconds,
                debounce=dt.timedelta(minutes=settings.changes_quiet_minutes),
            ),
            Pacing.for_delivery_rate(settings.delivery_rate),
        )
        live = LiveProgramme.build(
            store,
            clock,
            scheduler,
            agenda,
            planner=reminder_jobs.sender,
            publisher=LiveMessages(bot, i18n, agenda),
            organisers=Organisers(notifier, SyncMessages(settings.schedule_sync_minutes), access),
            settings=settings,
        )
        summaries = SummaryService(store, clock, notifier, SummaryMessages())
        press = PressCentre.build(store, clock, notifier, PressMessages(i18n), summaries, access)
        broadcasts = BroadcastService(store, clock, delivery, access)
        broadcast_progress = ProgressLoop(
            broadcasts,
            ProgressMessages(bot, i18n, agenda, settings.delivery_rate),
            settings.broadcast_progress_seconds,
        )
        questions = QuestionDesk.build(store, clock, settings, BoardMessages(bot, i18n, access))
        feedback = FeedbackDesk.build(
            store, clock, scheduler, notifier, FeedbackMessages(), settings
        )
        dispatcher = Dispatcher(
            storage=SQLiteStorage(store.db),
            settings=settings,
            clock=clock,
            store=store,
            users=users,
            agenda=agenda,
            delegations=DelegationService(store),
            summaries=summaries,
            content=ContentService(store, clock),
            access=access,
            invites=InviteService(store, clock, access),
            delivery=delivery,
            notifier=notifier,
            reminders=ReminderService(store, clock, reminder_jobs.sender, delivery),
            broadcasts=broadcasts,
            broadcast_progress=broadcast_progress,
            **press.workflow_data(),
            stats=StatsService(store, clock, access, settings.default_language),
            exports=ExportService(store),
            venue=VenueService(store, settings.data_dir),
            sharing=SharingService(store, clock),
            **questions.workflow_data(),
            **feedback.workflow_data(),
            **live.workflow_data(),
        )
        tracker = UpdateTracker()
        dispatcher.update.outer_middleware(tracker)
        dispatcher.update.outer_middleware(OneUpdatePerUser())
        dispatcher.update.outer_middleware(UserMiddleware(users))
        LanguageMiddleware(i18n).setup(dispatcher)
        flood = FloodControl(
            clock,
            rate=settings.flood_rate,
            burst=settings.flood_burst,
            cooldown=settings.flood_cooldown,
        )
        dispatcher.message.middleware(flood)
        dispatcher.callback_query.middleware(flood)
        dispatcher.message.middleware(InputLimitMiddleware())
        dispatcher.include_routers(*handlers.routers())
        app = cls(
            settings,
            clock,
            store,
            i18n,
            bot,
            dispatcher,
            scheduler,
            delivery,
            reminder_jobs,
            broadcast_progress,
            users,
            tracker=tracker,
        )
        app.health.add("store", store.health)
        app.health.add("scheduler", scheduler.health)
        app.health.add("delivery", delivery.health)
        dispatcher.startup.register(app._on_startup)
        dispatcher.shutdown.register(app._on_shutdown)
        # Press items due: releases whose time came, lifted embargoes, summaries from load.
        # Once at start-up (catching up after a restart or a load), then periodically.
        dispatcher.startup.register(press.publishing.run_due)
        scheduler.run_every("press-due", settings.press_check_seconds, press.publishing.run_due)
        dispatcher.startup.register(feedback.jobs.start)  # after _on_startup: the store is loaded
        scheduler.run_every(
            "question-boards", settings.question_board_seconds, questions.boards.refresh
        )
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
        await self.publish_commands()
        await self.delivery.start()
        self.scheduler.start()
        await self.reminder_jobs.start(fresh_store=report is not None)
        await self.broadcast_progress.start()

    async def _on_shutdown(self) -> None:
        """Handlers already running finish first; then timed jobs stop, so nothing is
        queued to a worker that has stopped; the worker persists what it had in hand."""
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
        runner = web.AppRunner(
            build_web_app(self.dispatcher, self.bot, self.health, settings.webhook_path, secret),
            handle_signals=False,
            shutdown_timeout=settings.shutdown_grace,
            access_log=None,
        )
        try:
            await runner.setup()
            site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
            await site.start()
            host, port = runner.addresses[0][:2]
            self.webhook_address = f"http://{host}:{port}"
            await self.bot.set_webhook(
                settings.webhook_url,
                secret_token=secret,
                allowed_updates=self.dispatcher.resolve_used_update_types(),
                max_connections=settings.max_concurrent_updates,
            )
            log.info("webhook %s served on %s", settings.webhook_url, self.webhook_address)
            yield self.webhook_address
        finally:
            await runner.cleanup()
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
