"""Personal data's notices in words: implements ``bot.privacy.values.PrivacyNotices``."""

from __future__ import annotations

import datetime as dt
from html import escape
from zoneinfo import ZoneInfo

from aiogram.utils.i18n import gettext as _

from bot.content.models import Event
from bot.delivery import Outgoing
from bot.delivery.notify import Render
from bot.privacy.values import Leaver
from bot.time.display import clock_time, day_label, zone_label


class PrivacyMessages:
    def someone_left(self, leaver: Leaver) -> Render:
        def render(_language: str) -> Outgoing:
            if leaver is Leaver.JOURNALIST:
                text = _(
                    "🗑 An accredited journalist asked the bot to erase their data: their "
                    "accreditation, requests and messages are gone."
                )
            else:
                text = _(
                    "🗑 An organiser asked the bot to erase their data; the audit log keeps "
                    "their entries under «[erased]»."
                )
            return Outgoing(0, text)

        return render

    def retention_warning(self, purge_at: dt.datetime, days: int, event: Event) -> Render:
        def render(language: str) -> Outgoing:
            return Outgoing(0, retention_text(purge_at, days, event, language))

        return render


def retention_text(purge_at: dt.datetime, days: int, event: Event, language: str) -> str:
    zone = ZoneInfo(event.timezone)
    return _(
        "🗓 <b>Retention</b>: on {date} at {time} ({zone}) the bot erases the personal data "
        "of everyone who is not an organiser: profiles, follows, requests, questions, and "
        "the link between a rating and its author. Published releases, summaries and the "
        "statistics stay. Export what the archive needs before then "
        "(python -m bot export).\nDays left: {days}"
    ).format(
        date=escape(day_label(purge_at.astimezone(zone).date(), language)),
        time=clock_time(purge_at, zone),
        zone=escape(zone_label(event.timezone_name, zone, purge_at, language)),
        days=days,
    )
