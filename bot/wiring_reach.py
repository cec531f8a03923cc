"""The composition root's part for what reaches beyond chat: the press office by email,
the public edition's static mirror, and personal data (the copy, the erasure, the retention
job). ``bot/wiring.py`` calls these while it builds everything else."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from aiogram import Dispatcher

from bot.config import Settings
from bot.delivery.notify import Notifier
from bot.email.channel import EmailChannel, EmailParts, email_channel
from bot.email.mail import PressMail
from bot.email.mirror import MirroringNotifier
from bot.i18n.catalogues import language_scope
from bot.privacy.retention import RetentionJobs
from bot.privacy.service import NoticeSource, PrivacyService
from bot.store.fsm import SQLiteStorage
from bot.web.public.export import SiteExporter
from bot.web.public.site import PublicSite
from handlers.email.letters import EmailLetters
from handlers.privacy.notices import PrivacyMessages
from handlers.privacy.rights import send_copy

if TYPE_CHECKING:
    from bot.wiring import Core, Infrastructure


def email_of(infra: Infrastructure, base: Core) -> EmailChannel:
    """Issue 22's press office by email: off without SMTP_HOST (docs/email.md)."""
    scope = language_scope(infra.i18n)
    parts = EmailParts(infra.store, infra.clock, scope, base.notifier, base.access, EmailLetters())
    return email_channel(infra.settings, parts)


def mirrored(infra: Infrastructure, base: Core, mail: PressMail | None) -> Notifier:
    """The interview answers by email too, when email is on (bot/email/mirror.py)."""
    if mail is None:
        return base.notifier
    settings, scope = infra.settings, language_scope(infra.i18n)
    users = infra.store.users
    return MirroringNotifier(base.delivery, users, settings.default_language, scope, mail)


def site_exporter(settings: Settings, site: PublicSite) -> SiteExporter:
    assert settings.site_export_dir is not None
    return SiteExporter(site, settings.site_export_dir, settings.default_language)


def privacy_feature(
    infra: Infrastructure, base: Core, dispatcher: Dispatcher, storage: SQLiteStorage
) -> RetentionJobs:
    """Issue 23: the copy and the erasure for handlers and the Mini App (an erased user
    leaves the FSM's memory too), and the retention job."""
    settings = infra.settings
    privacy = PrivacyService(
        infra.store,
        infra.clock,
        base.access,
        base.notifier,
        PrivacyMessages(),
        forgotten=(storage.forget_user,),
        notice=NoticeSource(settings.data_dir, settings.retention_days),
    )
    dispatcher["privacy"] = privacy
    dispatcher["privacy_copy"] = partial(send_copy, infra.bot, language_scope(infra.i18n), privacy)
    return RetentionJobs(
        infra.store,
        infra.clock,
        infra.scheduler,
        privacy,
        (base.access, base.notifier, PrivacyMessages()),
        days=settings.retention_days,
        check_seconds=settings.retention_check_seconds,
    )
