"""The email channel put together from the settings: off (a desk that says so) without
SMTP_HOST, else the press mail, the desk, and the worker with its SMTP connection."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from bot.config import Settings
from bot.delivery.email_smtp import SmtpServer, SmtpTransport
from bot.delivery.email_worker import EmailDelivery, EmailLimits, Transport
from bot.delivery.notify import Notifier
from bot.email.bounces import BounceNotices
from bot.email.compose import Sender
from bot.email.links import UnsubscribeLinks
from bot.email.mail import PressMail
from bot.email.service import EmailDesk
from bot.email.texts import EmailTexts
from bot.email.wire import Composer
from bot.store.holder import Store
from bot.time.clock import Clock
from bot.users.access import AccessService


@dataclass(frozen=True)
class EmailChannel:
    desk: EmailDesk
    mail: PressMail | None = None
    worker: EmailDelivery | None = None


@dataclass(frozen=True)
class EmailParts:
    """What the channel is built on besides the settings."""

    store: Store
    clock: Clock
    scope: Callable[[str], AbstractContextManager[object]]
    notifier: Notifier
    access: AccessService
    texts: EmailTexts


def smtp_server(settings: Settings) -> SmtpServer:
    assert settings.smtp_host is not None
    password = settings.smtp_password
    return SmtpServer(
        settings.smtp_host,
        settings.smtp_port_or_default,
        settings.smtp_security,
        settings.smtp_user,
        None if password is None else password.get_secret_value(),
    )


def email_channel(
    settings: Settings,
    parts: EmailParts,
    transport: Transport | None = None,
    limits: EmailLimits | None = None,
) -> EmailChannel:
    if not settings.email_enabled:
        return EmailChannel(EmailDesk(parts.store, parts.clock, None, None))
    assert settings.email_link_secret is not None
    assert settings.email_links_url is not None
    links = UnsubscribeLinks(
        settings.email_links_url, settings.email_link_secret.get_secret_value()
    )
    sender = Sender.parse(settings.smtp_from or "", "")
    sender = Sender(sender.name, sender.address, sender.name or "Press office")

    worker = EmailDelivery(
        parts.store,
        transport or SmtpTransport(smtp_server(settings)),
        Composer(sender, links.url, parts.clock.now),
        BounceNotices(parts.notifier, parts.access, parts.texts),
        parts.clock,
        limits or EmailLimits(rate=settings.smtp_rate),
    )
    mail = PressMail(parts.store, parts.clock, parts.texts, parts.scope, worker.wake)
    return EmailChannel(EmailDesk(parts.store, parts.clock, mail, links), mail, worker)
