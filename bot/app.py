"""Assembles the bot: Bot, Dispatcher, store, services; no module-level instances."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from types import TracebackType

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.utils.i18n import I18n

import handlers
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.delivery import Delivery, DeliveryLimits
from bot.i18n import build_i18n
from bot.middlewares import LanguageMiddleware, UserMiddleware
from bot.scheduler import APSchedulerJobs, Scheduler
from bot.services.access import AccessService
from bot.services.agenda import AgendaService
from bot.services.broadcasts import BroadcastService
from bot.services.content import ContentService
from bot.services.delegations import DelegationService
from bot.services.invites import InviteService
from bot.services.reminder_jobs import ReminderJobs, ReminderTiming
from bot.services.reminders import ReminderService
from bot.services.summaries import SummaryService
from bot.services.users import UserService
from bot.store import Store
from handlers.broadcasts import ProgressReporter
from handlers.reminder_notices import ReminderMessages
from handlers.start import commands

log = logging.getLogger(__name__)


def build_bot(settings: Settings) -> Bot:
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
    """One running bot. Open it with ``async with App.open(settings) as app``."""

    settings: Settings
    clock: Clock
    store: Store
    i18n: I18n
    bot: Bot
    dispatcher: Dispatcher
    scheduler: Scheduler
    delivery: Delivery
    reminder_jobs: ReminderJobs
    broadcast_progress: ProgressReporter

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
        reminder_jobs = ReminderJobs(
            store,
            clock,
            scheduler,
            delivery,
            agenda,
            ReminderMessages(i18n),
            settings.default_language,
            ReminderTiming(
                poll_seconds=settings.changes_poll_seconds,
                debounce=dt.timedelta(minutes=settings.changes_quiet_minutes),
            ),
        )
        broadcasts = BroadcastService(store, clock, delivery, access)
        broadcast_progress = ProgressReporter(
            broadcasts,
            agenda,
            bot,
            i18n,
            settings.delivery_rate,
            settings.broadcast_progress_seconds,
        )
        dispatcher = Dispatcher(
            settings=settings,
            clock=clock,
            store=store,
            users=users,
            agenda=agenda,
            delegations=DelegationService(store),
            summaries=SummaryService(store),
            content=ContentService(store, clock),
            access=access,
            invites=InviteService(store, clock, access),
            delivery=delivery,
            reminders=ReminderService(store, clock, reminder_jobs),
            broadcasts=broadcasts,
            broadcast_progress=broadcast_progress,
        )
        dispatcher.update.outer_middleware(UserMiddleware(users))
        LanguageMiddleware(i18n).setup(dispatcher)
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
        )
        dispatcher.startup.register(app._on_startup)
        dispatcher.shutdown.register(app._on_shutdown)
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
        """Timed jobs stop first, so nothing is queued to a worker that has stopped."""
        await self.scheduler.stop()
        await self.broadcast_progress.stop()
        await self.delivery.stop()

    async def publish_commands(self) -> None:
        """The command menu in every language; the default one for other app languages."""
        for language in self.i18n.available_locales:
            with self.i18n.context(), self.i18n.use_locale(language):
                await self.bot.set_my_commands(commands(), language_code=language)
        with self.i18n.context(), self.i18n.use_locale(self.settings.default_language):
            await self.bot.set_my_commands(commands())

    async def run_polling(self, *, handle_signals: bool = True) -> None:
        await self.dispatcher.start_polling(
            self.bot,
            polling_timeout=self.settings.polling_timeout,
            handle_signals=handle_signals,
            close_bot_session=False,
            allowed_updates=self.dispatcher.resolve_used_update_types(),
        )
