"""The composition root: every service built once from the settings and the
infrastructure, handed to the Dispatcher by name (aiogram's dependency injection), and
the timed jobs registered. No module-level instances; ``App.create`` calls this."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.utils.i18n import I18n

import handlers
from bot.agenda.service import AgendaService
from bot.broadcasts.progress import ProgressLoop
from bot.broadcasts.service import BroadcastService
from bot.config import Settings
from bot.content.pages import KeptPages
from bot.content.service import ContentService
from bot.delegations.service import DelegationService
from bot.delivery import Delivery, DeliveryLimits
from bot.delivery.email_worker import EmailDelivery
from bot.delivery.notify import Notifier
from bot.email.channel import EmailChannel
from bot.feedback.desk import FeedbackDesk
from bot.i18n.catalogues import language_scope
from bot.invites.service import InviteService
from bot.press.centre import PressCentre
from bot.press.media import PressMedia
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
from bot.telegram.button_data import parse_button_data_once
from bot.telegram.inline_filters import await_pure_filters_inline
from bot.telegram.limits import InputLimitMiddleware
from bot.telegram.middlewares import LanguageMiddleware, OneUpdatePerUser, UserMiddleware
from bot.telegram.routing import IndexedDispatcher
from bot.telegram.shutdown import UpdateTracker
from bot.telegram.throttling import FloodControl
from bot.time.clock import Clock
from bot.time.scheduler import Scheduler
from bot.users.access import AccessService
from bot.users.service import UserService
from bot.venue.service import VenueService
from bot.web.public.export import keep_mirror
from bot.web.public.site import PublicSite
from bot.wiring_reach import email_of, mirrored, privacy_feature, site_exporter
from handlers.broadcasts.progress import ProgressMessages
from handlers.feedback.notices import FeedbackMessages
from handlers.press.gallery.notices import GalleryMessages
from handlers.press.interviews.notices import InterviewMessages
from handlers.press.notices import PressMessages
from handlers.programme.live import LiveMessages
from handlers.programme.notices import SyncMessages
from handlers.questions.board import BoardMessages
from handlers.reminders.notices import ReminderMessages
from handlers.summaries.notices import SummaryMessages


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


@dataclass(frozen=True)
class Infrastructure:
    """What every service is built on."""

    settings: Settings
    clock: Clock
    scheduler: Scheduler
    store: Store
    i18n: I18n
    bot: Bot


@dataclass(frozen=True)
class Wired:
    """The services the App itself starts, stops or asks, and the Dispatcher."""

    dispatcher: Dispatcher
    delivery: Delivery
    reminder_jobs: ReminderJobs
    broadcast_progress: ProgressLoop
    users: UserService
    tracker: UpdateTracker
    startup: tuple[Callable[..., Awaitable[None]], ...]
    """Run after the App's own start-up (the store is loaded by then)."""
    email: EmailDelivery | None = None
    """The email worker, when SMTP_HOST is set (for /healthz)."""


@dataclass(frozen=True)
class Core:
    """The services every feature builds on."""

    access: AccessService
    users: UserService
    agenda: AgendaService
    delivery: Delivery
    notifier: Notifier


def core(infra: Infrastructure) -> Core:
    settings, store = infra.settings, infra.store
    access = AccessService(store, settings.organiser_ids)
    delivery = Delivery(store.outbox, infra.bot, infra.clock, delivery_limits(settings))
    return Core(
        access,
        UserService(store, infra.clock, settings.default_language, access),
        AgendaService(store, infra.clock, settings.event_timezone),
        delivery,
        Notifier(delivery, store.users, settings.default_language, language_scope(infra.i18n)),
    )


def reminder_jobs(infra: Infrastructure, base: Core) -> ReminderJobs:
    settings = infra.settings
    return ReminderJobs(
        JobDeps(
            infra.store,
            infra.clock,
            infra.scheduler,
            base.notifier,
            base.agenda,
            ReminderMessages(),
        ),
        ReminderTiming(
            poll_seconds=settings.changes_poll_seconds,
            debounce=dt.timedelta(minutes=settings.changes_quiet_minutes),
        ),
        Pacing.for_delivery_rate(settings.delivery_rate),
    )


def live_programme(infra: Infrastructure, base: Core, reminders: ReminderJobs) -> LiveProgramme:
    """Issue 11's chat edits, audit log, stage marks, live messages and schedule sync."""
    settings = infra.settings
    return LiveProgramme.build(
        infra.store,
        infra.clock,
        infra.scheduler,
        base.agenda,
        planner=reminders.sender,
        publisher=LiveMessages(infra.bot, infra.i18n, base.agenda),
        organisers=Organisers(
            base.notifier, SyncMessages(settings.schedule_sync_minutes), base.access
        ),
        settings=settings,
    )


@dataclass(frozen=True)
class Features:
    """The features' services that need more than their constructor: jobs, loops, desks."""

    reminders: ReminderJobs
    live: LiveProgramme
    summaries: SummaryService
    press: PressCentre
    media: PressMedia
    broadcasts: BroadcastService
    progress: ProgressLoop
    questions: QuestionDesk
    feedback: FeedbackDesk
    email: EmailChannel


def features(infra: Infrastructure, base: Core) -> Features:
    settings, clock, store, i18n, bot = (
        infra.settings,
        infra.clock,
        infra.store,
        infra.i18n,
        infra.bot,
    )
    access, notifier = base.access, base.notifier
    reminders = reminder_jobs(infra, base)
    email = email_of(infra, base)
    mail = email.mail
    summaries = SummaryService(
        store, clock, notifier, SummaryMessages(), mail.summary_published if mail else None
    )
    press = PressCentre.build(
        store, clock, notifier, PressMessages(i18n), summaries, access, mail=mail
    )
    notices = (GalleryMessages(), InterviewMessages())
    broadcasts = BroadcastService(store, clock, base.delivery, access, notifier)
    return Features(
        reminders,
        live_programme(infra, base, reminders),
        summaries,
        press,
        PressMedia.build(
            store, clock, mirrored(infra, base, mail), press.accreditation, access, notices
        ),
        broadcasts,
        ProgressLoop(
            broadcasts,
            ProgressMessages(bot, i18n, base.agenda, settings.delivery_rate),
            settings.broadcast_progress_seconds,
        ),
        QuestionDesk.build(store, clock, settings, BoardMessages(bot, i18n, access)),
        FeedbackDesk.build(store, clock, infra.scheduler, notifier, FeedbackMessages(), settings),
        email,
    )


def workflow_data(infra: Infrastructure, base: Core, f: Features) -> dict[str, Any]:
    """What handlers receive by name (aiogram's dependency injection)."""
    settings, clock, store, access = infra.settings, infra.clock, infra.store, base.access
    return {
        "settings": settings,
        "clock": clock,
        "store": store,
        "users": base.users,
        "agenda": base.agenda,
        "delegations": DelegationService(store),
        "summaries": f.summaries,
        "content": ContentService(store, clock),
        "pages": KeptPages(store.content_cache),
        "access": access,
        "invites": InviteService(store, clock, access),
        "delivery": base.delivery,
        "notifier": base.notifier,
        "reminders": ReminderService(store, clock, f.reminders.sender, base.delivery),
        "broadcasts": f.broadcasts,
        "broadcast_progress": f.progress,
        **f.press.workflow_data(),
        **f.media.workflow_data(),
        **f.live.workflow_data(),
        "stats": StatsService(store, clock, access, settings.default_language),
        "exports": ExportService(store, clock),
        "venue": VenueService(store, settings.data_dir),
        "public_site": PublicSite.build(settings, store, clock, infra.i18n),
        "sharing": SharingService(store, clock),
        **f.questions.workflow_data(),
        **f.feedback.workflow_data(),
        "email_desk": f.email.desk,
    }


def wire(infra: Infrastructure) -> Wired:
    """Build the services, the Dispatcher with them as workflow data, its middlewares,
    its routers and the timed jobs."""
    base = core(infra)
    f = features(infra, base)
    storage = SQLiteStorage(infra.store.db)
    dispatcher = IndexedDispatcher(storage=storage, **workflow_data(infra, base, f))
    retention = privacy_feature(infra, base, dispatcher, storage)
    tracker = add_middlewares(dispatcher, infra, base.users)
    dispatcher.include_routers(*handlers.routers())
    dispatcher.index_routes()  # before the filters are wrapped: see bot/telegram/routing.py
    await_pure_filters_inline(dispatcher)  # not in a worker thread each: see the module
    parse_button_data_once(dispatcher)
    # Press items due: releases whose time came, lifted embargoes, summaries from load:
    # once at start-up (catching up after a restart or a load), then periodically.
    settings, scheduler = infra.settings, infra.scheduler
    scheduler.run_every("press-due", settings.press_check_seconds, f.press.publishing.run_due)
    scheduler.run_every(
        "question-boards", settings.question_board_seconds, f.questions.boards.refresh
    )
    startup: tuple[Callable[..., Awaitable[None]], ...] = (
        f.press.publishing.run_due,
        f.feedback.jobs.start,
        retention.start,
    )
    if settings.site_export_dir is not None:  # the public edition's static mirror, kept fresh
        mirror = site_exporter(settings, dispatcher["public_site"])
        f.live.signal.subscribe(keep_mirror(mirror, scheduler, infra.clock))
        startup += (mirror.refresh,)
    if f.email.worker is not None:  # stops before the App's own shutdown; its rows wait
        startup = (*startup, f.email.worker.start)
        dispatcher.shutdown.register(f.email.worker.stop)
    return Wired(
        dispatcher,
        base.delivery,
        f.reminders,
        f.progress,
        base.users,
        tracker,
        startup,
        f.email.worker,
    )


def add_middlewares(
    dispatcher: Dispatcher, infra: Infrastructure, users: UserService
) -> UpdateTracker:
    """In order: track updates for a graceful stop, one update per user at a time, who
    the user is, their language, flood control, input bounds."""
    settings = infra.settings
    tracker = UpdateTracker()
    dispatcher.update.outer_middleware(tracker)
    dispatcher.update.outer_middleware(OneUpdatePerUser())
    dispatcher.update.outer_middleware(UserMiddleware(users))
    LanguageMiddleware(infra.i18n).setup(dispatcher)
    flood = FloodControl(
        infra.clock,
        rate=settings.flood_rate,
        burst=settings.flood_burst,
        cooldown=settings.flood_cooldown,
    )
    dispatcher.message.middleware(flood)
    dispatcher.callback_query.middleware(flood)
    dispatcher.message.middleware(InputLimitMiddleware())
    return tracker
